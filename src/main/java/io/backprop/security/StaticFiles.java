package io.backprop.security;

import org.springframework.core.io.ClassPathResource;

/** Whether a request path names a file under {@code classpath:/static/}, the service's static resources. */
final class StaticFiles {

    private StaticFiles() {
    }

    static boolean exists(String path) {
        if (path.isEmpty() || path.endsWith("/") || path.contains("..") || path.contains("//") || path.contains("\\")
                || path.contains("%") || path.contains(";")) {
            return false;
        }
        ClassPathResource resource = new ClassPathResource("static" + path);
        return resource.isReadable();
    }
}
