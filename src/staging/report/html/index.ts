export { renderReportHtml } from "./renderReportHtml.js";
