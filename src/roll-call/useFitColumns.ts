import { useLayoutEffect, type RefObject } from 'react';

/** The narrowest a column of the roll may be: a name, its letter and the details button. */
const MIN_COLUMN_PX = 230;

/**
 * Lays the roll out in as few columns as let every pupil fit the screen's height, so a class of
 * 31 on a 10-inch tablet is one screen without scrolling, in portrait and in landscape. Pupils
 * run down a column, then on to the next one, as a register reads. Where even the most columns
 * the width allows do not fit (a phone), it takes those and the page scrolls.
 *
 * The list's CSS reads `--columns` and `--rows`; they are set here, not by React, because each
 * candidate is measured in the same frame, before the browser paints.
 */
export function useFitColumns(list: RefObject<HTMLElement | null>, count: number): void {
  useLayoutEffect(() => {
    const element = list.current;
    if (!element) return;
    let frame = 0;
    const fit = () => {
      fitColumns(element, count);
    };
    const fitNextFrame = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(fit);
    };
    fit();
    // Whatever above the list changes height moves it: the status line, a banner, the bar…
    const resized = new ResizeObserver(fitNextFrame);
    for (const above of elementsAbove(element)) resized.observe(above);
    // …and so does a notice that comes or goes, which no observer set up before it could see.
    const changed = new MutationObserver(fitNextFrame);
    changed.observe(document.body, { childList: true, subtree: true });
    window.addEventListener('resize', fitNextFrame);
    return () => {
      cancelAnimationFrame(frame);
      resized.disconnect();
      changed.disconnect();
      window.removeEventListener('resize', fitNextFrame);
    };
  }, [list, count]);
}

/**
 * The elements before the list, its ancestors' included, up to the body. None of them grows
 * with the list, so observing them never feeds back into the fit.
 */
function elementsAbove(element: HTMLElement): Element[] {
  const found: Element[] = [];
  for (let node: Element | null = element; node && node !== document.body;) {
    for (let sibling = node.previousElementSibling; sibling;) {
      found.push(sibling);
      sibling = sibling.previousElementSibling;
    }
    node = node.parentElement;
  }
  return found;
}

function setGrid(element: HTMLElement, columns: number, count: number): void {
  element.style.setProperty('--columns', String(columns));
  element.style.setProperty('--rows', String(Math.max(1, Math.ceil(count / columns))));
}

function fitColumns(element: HTMLElement, count: number): void {
  const gap = parseFloat(getComputedStyle(element).columnGap) || 0;
  const width = element.clientWidth;
  const most = Math.max(1, Math.floor((width + gap) / (MIN_COLUMN_PX + gap)));
  const available = availableHeight(element);
  for (let columns = 1; columns <= most; columns += 1) {
    setGrid(element, columns, count);
    if (element.scrollHeight <= available) return;
  }
  setGrid(element, most, count);
}

/**
 * The height the list may take: the window's, less what lies above it and the padding, borders
 * and margins that close its containers below it. Content after the roll (another panel) is not
 * counted: it belongs on the event's other view.
 */
function availableHeight(element: HTMLElement): number {
  let below = 0;
  for (let node = element.parentElement; node && node !== document.body;) {
    const style = getComputedStyle(node);
    below +=
      parseFloat(style.paddingBottom) +
      parseFloat(style.borderBottomWidth) +
      parseFloat(style.marginBottom);
    node = node.parentElement;
  }
  const top = element.getBoundingClientRect().top + window.scrollY;
  return document.documentElement.clientHeight - top - below;
}
