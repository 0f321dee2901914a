/**
 * A page that mounts the chat pane's message parts on their own, with the app's stylesheet and
 * CSP, for the browser test (message-parts.test.ts): the test hands it messages the real core
 * loaded, and the parts call the real core back through window.api.
 */
import { mount } from 'svelte';
import type { ChatMessage } from '../../../../electron/shared/ipc-contract';
import type { ChatEntity } from '../../../../renderer/src/lib/chat/entities';
import MessageMedia from '../../../../renderer/src/components/chat/parts/MessageMedia.svelte';
import MessageText from '../../../../renderer/src/components/chat/parts/MessageText.svelte';

function slot(testId: string): HTMLElement {
  const element = document.createElement('div');
  element.dataset.testid = testId;
  element.className = 'bubble';
  document.getElementById('parts')!.append(element);
  return element;
}

const harness = {
  text(testId: string, text: string, entities: ChatEntity[]): void {
    mount(MessageText, { target: slot(testId), props: { text, entities } });
  },
  media(testId: string, chatKey: string, messageId: number, media: NonNullable<ChatMessage['media']>): void {
    mount(MessageMedia, { target: slot(testId), props: { chatKey, messageId, media } });
  },
};

Object.defineProperty(window, 'parts', { value: harness });
