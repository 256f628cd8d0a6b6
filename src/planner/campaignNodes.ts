import { taskNode } from "../engine/defineTask.js";
import type { TaskNode } from "../engine/TaskNode.js";
import type { CampaignWiring } from "../staging/campaign/CampaignWiring.js";
import { aggregateTask } from "../../tasks/aggregate.js";
import { lookTask } from "../../tasks/look.js";
import { prepareTask } from "../../tasks/prepare.js";
import { reportTask } from "../../tasks/report.js";
import { roundTask } from "../../tasks/round.js";
import type { PlannerInputs } from "./PlannerInputs.js";

/**
 * Every node a planned campaign may need: its folder, each round up to the most it may run, a look
 * at each planned count, the aggregate that follows the looks, and the report. A campaign that
 * decides early never makes the rounds after its deciding look.
 */
export function campaignNodes(_inputs: PlannerInputs, wiring: CampaignWiring): TaskNode[] {
  return [
    taskNode(prepareTask, wiring),
    ...wiring.plan.schedule.map((round) => taskNode(roundTask, { ...wiring, round })),
    ...wiring.plan.looks.map((rounds) => taskNode(lookTask, { ...wiring, rounds })),
    taskNode(aggregateTask, wiring),
    taskNode(reportTask, wiring),
  ];
}
