import { writeFileSync } from "node:fs";
import { configReference } from "./configReference.js";

writeFileSync(new URL("../../docs/config-reference.md", import.meta.url), configReference());
