/** axe-core on a rendered container (colour contrast cannot be computed in jsdom). */
import axe from 'axe-core';

/** The violations axe finds, as `id: targets` lines (empty when clean). */
export async function axeViolations(container: Element): Promise<string[]> {
  const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
