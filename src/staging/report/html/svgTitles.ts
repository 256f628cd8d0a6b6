/** A self-closed mark element of Vega's SVG with an aria-label (points, ticks, rules). */
const LABELLED_MARK = /<(path|line|rect)( aria-label="([^"]*)" role="graphics-symbol"[^>]*?)\/>/g;

/**
 * Vega's SVG gives a mark its description as `aria-label` only; a browser shows a `<title>` child on
 * hover. The label is already escaped for an attribute, which is also valid element text.
 */
export function svgTitles(svg: string): string {
  return svg.replace(LABELLED_MARK, (_, tag: string, attributes: string, label: string) =>
    label === "" ? `<${tag}${attributes}/>` : `<${tag}${attributes}><title>${label}</title></${tag}>`,
  );
}
