import { languages, LanguageStatusSeverity, type Disposable, type LanguageStatusItem } from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { CLIENT_NAME, COMMANDS, OUR_LANGUAGES } from './constants';

const TEXT: Record<State, string> = {
  [State.Starting]: '$(sync~spin) Starting',
  [State.Running]: '$(check) Running',
  [State.Stopped]: '$(error) Stopped',
};

function show(item: LanguageStatusItem, state: State): void {
  item.text = TEXT[state];
  item.detail = `${CLIENT_NAME} language server`;
  item.severity = state === State.Stopped ? LanguageStatusSeverity.Error : LanguageStatusSeverity.Information;
  item.busy = state === State.Starting;
}

/** The `{}` entry next to the language mode of our two languages, following the server's state. */
export function createStatusItem(client: LanguageClient): Disposable {
  const item = languages.createLanguageStatusItem(
    'studioTokenLens.status',
    OUR_LANGUAGES.map((language) => ({ language })),
  );
  item.name = CLIENT_NAME;
  item.command = { title: 'Show Output', command: COMMANDS.showOutput };
  show(item, client.state);
  const subscription = client.onDidChangeState(({ newState }) => show(item, newState));
  return {
    dispose() {
      subscription.dispose();
      item.dispose();
    },
  };
}
