/** The submission form webview: asks the host for its setup, then runs the form. */
import { setL10nBundle } from '../../l10n';
import { formToHostSchema, hostToFormSchema, type FormToHostMessage } from '../../protocol/form';
import { parseMessage } from '../../protocol/parse';
import { byId } from '../shared/dom';
import { connectToHost, logLine, onHostMessage } from '../shared/vscode-api';
import { FormView } from './form-view';

const host = connectToHost<FormToHostMessage>();
const app = byId('app');
let view: FormView | undefined;

/** Sends a message after checking it against the protocol (a bug here must not reach the host). */
function send(message: FormToHostMessage): void {
  if (formToHostSchema.safeParse(message).success) host.post(message);
  else logLine(`form webview: not sending an invalid ${message.type} message`);
}

onHostMessage((data) => {
  const message = parseMessage(hostToFormSchema, data, logLine, 'form webview');
  if (!message) return;
  switch (message.type) {
    case 'init':
      // One page, one form: a second init (a bug) must not stack a second form on top.
      if (view) return logLine('form webview: ignored a second init');
      setL10nBundle(message.l10n?.bundle, message.l10n?.locale);
      view = new FormView(message.form, {
        submit: (submission) => send({ type: 'submit', submission } satisfies FormToHostMessage),
        close: () => send({ type: 'close' } satisfies FormToHostMessage),
      });
      app.replaceChildren(view.element);
      app.removeAttribute('aria-busy');
      view.focusFirstField();
      return;
    case 'refused':
      view?.refused(message);
      return;
    case 'submitted':
      view?.submitted(message);
      return;
    case 'job':
      view?.jobChanged(message);
      return;
    default: {
      const unexpected: never = message;
      logLine(`form webview: unhandled message ${JSON.stringify(unexpected).slice(0, 100)}`);
    }
  }
});

send({ type: 'ready' } satisfies FormToHostMessage);
