// The README's 2-2-2 walk-through written against types generated from /v3/api-docs:
// it must type-check as a client would write it, and the service must answer it.
import type { components, paths } from "./api";

type CreateNetwork = paths["/networks"]["post"]["requestBody"]["content"]["application/json"];
type Backprop = paths["/networks/{id}/backprop"]["post"]["requestBody"]["content"]["application/json"];
type Network = components["schemas"]["NetworkDescription"];
type Step = components["schemas"]["BackpropResponse"];
type Optimizer = components["schemas"]["OptimizerSpec"];

const create: CreateNetwork = {
  name: "mazur-2-2-2",
  inputs: 2,
  layers: [
    { units: 2, activation: "sigmoid", weights: [[0.15, 0.20], [0.25, 0.30]], biases: [0.35, 0.35] },
    { units: 2, activation: "sigmoid", weights: [[0.40, 0.45], [0.50, 0.55]], biases: [0.60, 0.60] },
  ],
  loss: "mse",
  dtype: "float64",
  optimizer: { type: "sgd", learningRate: 0.5 },
};

const step: Backprop = { inputs: [[0.05, 0.10]], targets: [[0.01, 0.99]] };

const adam: Optimizer = { type: "adam", learningRate: 0.001, amsgrad: true };
// @ts-expect-error momentum is not a field of adam
const notAdam: Optimizer = { type: "adam", momentum: 0.9 };

async function post<T>(base: string, path: string, body: unknown): Promise<T> {
  const response = await fetch(base + path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  }
  return (await response.json()) as T;
}

async function main(base: string): Promise<void> {
  const network = await post<Network>(base, "/networks", create);
  const answer = await post<Step>(base, `/networks/${network.id}/backprop`, step);
  if (answer.loss !== 0.2983711087600027) {
    throw new Error(`the 2-2-2 step's loss is ${answer.loss}, not 0.2983711087600027`);
  }
  await post<Network>(base, "/networks", { ...create, optimizer: adam });
  console.log("TypeScript client check passed: the generated types carry the 2-2-2 walk-through.");
}

main(process.argv[2]).catch((failure: unknown) => {
  console.error(failure);
  process.exit(1);
});
