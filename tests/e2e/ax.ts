/**
 * Finding our in-page UI the way assistive technology does. The toggle button, guard dialog and
 * badges live in CLOSED shadow roots (the portal cannot reach into them, and neither can Playwright's
 * CSS engine), so specs query the accessibility tree over the DevTools protocol, which sees through
 * shadow roots, and click at the element's box like a user would.
 */
import type { CDPSession, Page } from '@playwright/test';
import { expect } from '@playwright/test';

interface AXNode {
  nodeId: string;
  ignored: boolean;
  role?: { value: string };
  name?: { value: string };
  backendDOMNodeId?: number;
}

const sessions = new WeakMap<Page, Promise<CDPSession>>();
async function cdp(page: Page): Promise<CDPSession> {
  let s = sessions.get(page);
  if (!s) {
    s = page.context().newCDPSession(page);
    sessions.set(page, s);
    await (await s).send('DOM.enable');
    await (await s).send('Accessibility.enable');
  }
  return s;
}

/** Accessible nodes of the page (main frame) with this role and, if given, this exact name. */
export async function queryAx(page: Page, role: string, name?: string): Promise<AXNode[]> {
  const session = await cdp(page);
  const { root } = await session.send('DOM.getDocument', { depth: 0 });
  const { nodes } = (await session.send('Accessibility.queryAXTree', {
    backendNodeId: root.backendNodeId,
    role,
    ...(name !== undefined ? { accessibleName: name } : {}),
  })) as { nodes: AXNode[] };
  return nodes.filter((n) => !n.ignored);
}

/** Waits until exactly one node with role+name exists, then clicks its centre. */
export async function clickAx(page: Page, role: string, name: string) {
  await expect.poll(async () => (await queryAx(page, role, name)).length, { message: `${role} "${name}"` }).toBeGreaterThan(0);
  const [node] = await queryAx(page, role, name);
  const session = await cdp(page);
  await session.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: node!.backendDOMNodeId! });
  const { model } = await session.send('DOM.getBoxModel', { backendNodeId: node!.backendDOMNodeId! });
  const [x1, y1, , , x3, y3] = model.content;
  await page.mouse.click((x1! + x3!) / 2, (y1! + y3!) / 2);
}

/** The text content of the first node with that role (and name), through shadow roots. */
export async function axText(page: Page, role: string, name?: string): Promise<string | null> {
  const [node] = await queryAx(page, role, name);
  if (!node?.backendDOMNodeId) return null;
  const session = await cdp(page);
  const { object } = await session.send('DOM.resolveNode', { backendNodeId: node.backendDOMNodeId });
  const { result } = await session.send('Runtime.callFunctionOn', {
    objectId: object.objectId!,
    functionDeclaration: 'function () { return this.textContent; }',
    returnByValue: true,
  });
  return (result.value as string) ?? null;
}
