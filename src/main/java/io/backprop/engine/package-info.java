/**
 * The mathematics of multilayer perceptrons on ND4J, written after the textbook symbols.
 *
 * <table>
 *   <caption>Glossary</caption>
 *   <tr><th>symbol</th><th>name in code</th><th>shape</th></tr>
 *   <tr><td>m</td><td>{@code m}</td><td>rows of a batch (samples)</td></tr>
 *   <tr><td>a₀ = x</td><td>{@code x}</td><td>[m, inputs]</td></tr>
 *   <tr><td>W</td><td>{@code weights}</td><td>[units, fanIn] (PyTorch {@code nn.Linear} layout)</td></tr>
 *   <tr><td>b</td><td>{@code biases}</td><td>[1, units]</td></tr>
 *   <tr><td>z = a_prev · Wᵀ + b</td><td>{@code z}</td><td>[m, units]</td></tr>
 *   <tr><td>a = f(z)</td><td>{@code a}</td><td>[m, units]</td></tr>
 *   <tr><td>y</td><td>{@code y}</td><td>[m, outputs] targets</td></tr>
 *   <tr><td>δ = ∂ℓᵢ/∂z (per sample)</td><td>{@code delta}</td><td>[m, units]</td></tr>
 *   <tr><td>∂L/∂a</td><td>{@code dLda}</td><td>[m, units]</td></tr>
 *   <tr><td>∂L/∂W = δᵀ · a_prev / m</td><td>{@code weightGradient}</td><td>[units, fanIn]</td></tr>
 *   <tr><td>∂L/∂b = Σᵢ δᵢ / m</td><td>{@code biasGradient}</td><td>[1, units]</td></tr>
 * </table>
 *
 * <p>Nothing here depends on Spring; ND4J's naming rule holds throughout: {@code add} copies,
 * {@code addi} works in place. The arithmetic itself runs behind {@link io.backprop.engine.kernels.Kernels}:
 * a {@link io.backprop.engine.Workspace} chooses, once for its batch size, plain-Java or BLAS
 * kernels for each layer, the loss and each parameter's updates.
 */
package io.backprop.engine;
