// The chat bench's in-page steps (chat.bench.ts says what each times). They are strings: tsx's
// __name helper, which it wraps functions in, does not exist in the page (see renderer.bench.ts).

/** Selects `title` in the switcher and waits until its row is the active one. */
export const SELECT = `async (title) => {
  const wait = async (test, what) => { for (let i = 0; i < 2000; i++) { if (test()) return; await new Promise((done) => setTimeout(done, 5)); } throw new Error('timed out waiting for ' + what); };
  await wait(() => document.querySelector('[role="combobox"]'), 'the switcher');
  const field = document.querySelector('[role="combobox"]');
  const active = () => { const id = field.getAttribute('aria-activedescendant'); return id ? document.getElementById(id)?.querySelector('.title')?.textContent : undefined; };
  field.value = title;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
  await wait(() => active() === title, 'the row of ' + title);
}`;

/** Times Enter → a message row painted (see the top of this file). */
export const ENTER = `async () => {
  const frame = () => new Promise((done) => requestAnimationFrame(() => done()));
  const macrotask = () => new Promise((done) => { const channel = new MessageChannel(); channel.port1.onmessage = () => done(); channel.port2.postMessage(null); });
  const field = document.querySelector('[role="combobox"]');
  await frame();
  const start = performance.now();
  field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
  await new Promise((done) => {
    const check = () => { if (document.querySelector('[data-testid="message"]')) { observer.disconnect(); done(); } };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { childList: true, subtree: true });
    check();
  });
  await frame();
  await macrotask();
  return performance.now() - start;
}`;

/** Esc back to the switcher. */
export const BACK = `async () => {
  const wait = async (test, what) => { for (let i = 0; i < 2000; i++) { if (test()) return; await new Promise((done) => setTimeout(done, 5)); } throw new Error('timed out waiting for ' + what); };
  (document.activeElement ?? document.body).dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
  await wait(() => document.querySelector('[role="combobox"]'), 'the switcher again');
}`;

/** One phase of the scroll bench: 'scroll' and 'idle' give frame intervals, 'work' one step's script and layout each. */
export const SCROLL = `async (phase, frames, step) => {
  const frame = () => new Promise((done) => requestAnimationFrame(() => done()));
  const macrotask = () => new Promise((done) => { const channel = new MessageChannel(); channel.port1.onmessage = () => done(); channel.port2.postMessage(null); });
  const scroller = document.querySelector('[data-testid="messages"]');
  const samples = [];
  globalThis.__chatBenchDirection ??= -1;
  const move = () => {
    if (scroller.scrollTop <= 0) globalThis.__chatBenchDirection = 1;
    else if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) globalThis.__chatBenchDirection = -1;
    scroller.scrollTop += globalThis.__chatBenchDirection * step;
  };
  await frame();
  let last = performance.now();
  if (phase === 'work') {
    for (let i = 0; i < frames; i++) {
      await frame();
      await macrotask();
      const start = performance.now();
      move();
      scroller.dispatchEvent(new Event('scroll'));
      await macrotask();
      void document.body.offsetHeight;
      samples.push(performance.now() - start);
    }
  } else {
    for (let i = 0; i < frames; i++) { if (phase === 'scroll') move(); await frame(); const now = performance.now(); samples.push(now - last); last = now; }
  }
  return { samples, rendered: document.querySelectorAll('[data-testid="message"]').length };
}`;
