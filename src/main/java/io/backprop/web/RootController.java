package io.backprop.web;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The root is the playground page; it links to the user's manual, Swagger UI. */
@Hidden
@Controller
class RootController {

    @GetMapping("/")
    String root() {
        return "forward:/index.html";
    }
}
