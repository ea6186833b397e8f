/**
 * A minimal W3C WebDriver client over plain HTTP, enough to drive Debian's WebKitGTK
 * (`WebKitWebDriver`) through Homeroom: sessions, navigation, elements, scripts.
 * https://www.w3.org/TR/webdriver2/
 */
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

export class WebDriverError extends Error {}

export class WebDriver {
  private constructor(
    private readonly base: string,
    private readonly sessionId: string,
  ) {}

  static async start(driverUrl: string): Promise<WebDriver> {
    const value = await command<{ sessionId: string }>(`${driverUrl}/session`, 'POST', {
      capabilities: {
        alwaysMatch: { 'webkitgtk:browserOptions': { args: ['--automation'] } },
      },
    });
    return new WebDriver(driverUrl, value.sessionId);
  }

  private call<T>(path: string, method = 'POST', body: unknown = {}): Promise<T> {
    return command<T>(`${this.base}/session/${this.sessionId}${path}`, method, body);
  }

  async go(url: string): Promise<void> {
    await this.call('/url', 'POST', { url });
  }

  async refresh(): Promise<void> {
    await this.call('/refresh');
  }

  async resize(width: number, height: number): Promise<void> {
    await this.call('/window/rect', 'POST', { width, height });
  }

  /** Runs `body` (a function body) in the page; an async body's promise is awaited. */
  async run<T>(body: string, ...args: unknown[]): Promise<T> {
    return this.call<T>('/execute/async', 'POST', {
      script: `const done = arguments[arguments.length - 1];
        Promise.resolve().then(async () => { ${body} }).then(done, (e) => done({ __error: String(e) }));`,
      args,
    });
  }

  async find(css: string): Promise<string> {
    const found = await this.call<Record<string, string>>('/element', 'POST', {
      using: 'css selector',
      value: css,
    });
    const id = found[ELEMENT];
    if (id === undefined) throw new WebDriverError(`no element ${css}`);
    return id;
  }

  async type(css: string, text: string): Promise<void> {
    const element = await this.find(css);
    await this.call(`/element/${element}/clear`);
    await this.call(`/element/${element}/value`, 'POST', { text });
  }

  async click(css: string): Promise<void> {
    await this.call(`/element/${await this.find(css)}/click`);
  }

  /** Clicks the first button whose text is exactly `label`. */
  async clickButton(label: string): Promise<void> {
    const ok = await this.run<boolean>(
      `const button = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === arguments[0]);
       if (!button) return false; button.click(); return true;`,
      label,
    );
    if (!ok) throw new WebDriverError(`no button «${label}»`);
  }

  bodyText(): Promise<string> {
    return this.run<string>('return document.body.innerText;');
  }

  /** Waits until the page's text matches, or fails with what the page showed. */
  async waitForText(pattern: RegExp, timeoutMs = 20_000): Promise<string> {
    const until = Date.now() + timeoutMs;
    let text = '';
    while (Date.now() < until) {
      text = await this.bodyText().catch(() => '');
      if (pattern.test(text)) return text;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new WebDriverError(`timed out waiting for ${pattern}; the page shows:\n${text}`);
  }

  async waitFor(condition: string, timeoutMs = 20_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (await this.run<boolean>(condition).catch(() => false)) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new WebDriverError(`timed out waiting for: ${condition}`);
  }

  async quit(): Promise<void> {
    await command(`${this.base}/session/${this.sessionId}`, 'DELETE', undefined);
  }
}

async function command<T>(url: string, method: string, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const answer = (await response.json()) as { value: T & { error?: string; message?: string } };
  if (!response.ok || (answer.value as { __error?: string } | null)?.__error !== undefined) {
    const value = answer.value as { error?: string; message?: string; __error?: string };
    throw new WebDriverError(
      `${method} ${url}: ${value.__error ?? value.error ?? ''} ${value.message ?? ''}`,
    );
  }
  return answer.value;
}
