// The least of the `vscode` module that activate() needs, so activation can be timed in plain Node.
// Everything is inert: events never fire, messages are never answered, files are never watched.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { settingDefaults } from '../../test/harness/settingDefaults';

type Listener<T> = (value: T) => unknown;

class Disposable {
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((item) => item.dispose()));
  }

  constructor(private readonly onDispose: () => unknown) {}

  dispose(): void {
    this.onDispose();
  }
}

class EventEmitter<T> {
  private listeners: Listener<T>[] = [];

  readonly event = (listener: Listener<T>): Disposable => {
    this.listeners.push(listener);
    return new Disposable(() => (this.listeners = this.listeners.filter((l) => l !== listener)));
  };

  fire(value: T): void {
    this.listeners.forEach((listener) => listener(value));
  }

  dispose(): void {
    this.listeners = [];
  }
}

class Uri {
  private constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}

  static file(fsPath: string): Uri {
    return new Uri('file', path.resolve(fsPath));
  }

  static parse(value: string): Uri {
    const url = new URL(value);
    return new Uri(url.protocol.replace(/:$/, ''), decodeURIComponent(url.pathname));
  }

  static from(parts: { scheme: string; path?: string }): Uri {
    return new Uri(parts.scheme, parts.path ?? '');
  }

  static joinPath(base: Uri, ...segments: string[]): Uri {
    return new Uri(base.scheme, path.posix.join(base.path, ...segments));
  }

  get fsPath(): string {
    return this.path;
  }

  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
}

class RelativePattern {
  constructor(
    readonly base: Uri | string,
    readonly pattern: string,
  ) {}
}

class ThemeColor {
  constructor(readonly id: string) {}
}

class ThemeIcon {
  constructor(readonly id: string) {}
}

class MarkdownString {
  constructor(
    public value = '',
    public supportThemeIcons = false,
  ) {}

  appendMarkdown(text: string): this {
    this.value += text;
    return this;
  }

  appendText(text: string): this {
    this.value += text;
    return this;
  }
}

class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}

class Range {
  readonly start: Position;
  readonly end: Position;

  constructor(startOrLine: Position | number, endOrCharacter: Position | number, endLine = 0, endCharacter = 0) {
    this.start = typeof startOrLine === 'number' ? new Position(startOrLine, endOrCharacter as number) : startOrLine;
    this.end = typeof endOrCharacter === 'number' ? new Position(endLine, endCharacter) : endOrCharacter;
  }
}

class Diagnostic {
  constructor(
    readonly range: Range,
    readonly message: string,
    readonly severity?: number,
  ) {}
}

class CodeLens {
  constructor(
    readonly range: Range,
    readonly command?: unknown,
  ) {}
}

const noEvent = (): Disposable => new Disposable(() => undefined);
const noAnswer = (): Promise<undefined> => Promise.resolve(undefined);

function logChannel(name: string): Record<string, unknown> {
  const ignore = (): void => undefined;
  return {
    name,
    logLevel: 2,
    onDidChangeLogLevel: noEvent,
    trace: ignore,
    debug: ignore,
    info: ignore,
    warn: ignore,
    error: ignore,
    append: ignore,
    appendLine: ignore,
    replace: ignore,
    clear: ignore,
    show: ignore,
    hide: ignore,
    dispose: ignore,
  };
}

/** Remembers when its text last changed, so the bench can tell when the profile list arrived. */
export class StatusBarItemStandIn {
  private currentText = '';
  textChangedAt = 0;

  constructor(
    readonly id: string,
    readonly alignment: number,
    readonly priority: number,
  ) {}

  get text(): string {
    return this.currentText;
  }

  set text(value: string) {
    if (value !== this.currentText) {
      this.currentText = value;
      this.textChangedAt = performance.now();
    }
  }

  show(): void {}

  hide(): void {}

  dispose(): void {}
}

/** Every setting at its default: package.json's for iamPassword.*, the caller's for VS Code's own. */
function configuration(declared: Record<string, unknown>, section?: string): Record<string, unknown> {
  return {
    get: (key: string, defaultValue?: unknown): unknown => (section === 'iamPassword' ? declared[key] : defaultValue),
    has: () => false,
    inspect: () => undefined,
    update: () => Promise.resolve(),
  };
}

function fileSystemWatcher(): Record<string, unknown> {
  return { onDidChange: noEvent, onDidCreate: noEvent, onDidDelete: noEvent, dispose: () => undefined };
}

/**
 * vscode.l10n in English, as VS Code has it without a translation: no bundle, and the message
 * with its {0} (or {name}) arguments filled in.
 */
const l10n = {
  bundle: undefined,
  uri: undefined,
  t: (...params: unknown[]): string => {
    const [first, ...rest] = params;
    const { message, args } =
      typeof first === 'string' ? { message: first, args: typeof rest[0] === 'object' ? rest[0] : rest } : (first as { message: string; args?: unknown });
    const values = (args ?? {}) as Record<string, unknown>;
    return Object.keys(values).length === 0 ? message : message.replace(/{([^}]+)}/g, (match, key: string) => String(values[key] ?? match));
  },
};

export interface VscodeStandIn {
  api: Record<string, unknown>;
  /** Command ids activate() registered, in order. */
  registeredCommands: string[];
  statusBarItems: StatusBarItemStandIn[];
}

export function createVscodeStandIn(): VscodeStandIn {
  const declared: Record<string, unknown> = settingDefaults();
  const registeredCommands: string[] = [];
  const statusBarItems: StatusBarItemStandIn[] = [];
  const api = {
    Disposable,
    EventEmitter,
    Uri,
    RelativePattern,
    ThemeColor,
    ThemeIcon,
    MarkdownString,
    Position,
    Range,
    Diagnostic,
    CodeLens,
    StatusBarAlignment: { Left: 1, Right: 2 },
    ExtensionMode: { Production: 1, Development: 2, Test: 3 },
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    InputBoxValidationSeverity: { Info: 1, Warning: 2, Error: 3 },
    QuickInputButtons: { Back: { iconPath: new ThemeIcon('arrow-left') } },
    window: {
      createOutputChannel: logChannel,
      createStatusBarItem: (id: string, alignment: number, priority: number) => {
        const item = new StatusBarItemStandIn(id, alignment, priority);
        statusBarItems.push(item);
        return item;
      },
      withProgress: (_options: unknown, task: (progress: unknown, token: unknown) => unknown) =>
        Promise.resolve(task({ report: () => undefined }, { isCancellationRequested: false, onCancellationRequested: noEvent })),
      showInformationMessage: noAnswer,
      showWarningMessage: noAnswer,
      showErrorMessage: noAnswer,
      showTextDocument: noAnswer,
      activeTextEditor: undefined,
      visibleTextEditors: [],
      onDidChangeActiveTextEditor: noEvent,
    },
    workspace: {
      getConfiguration: (section?: string) => configuration(declared, section),
      onDidChangeConfiguration: noEvent,
      onDidOpenTextDocument: noEvent,
      onDidChangeTextDocument: noEvent,
      onDidCloseTextDocument: noEvent,
      onDidSaveTextDocument: noEvent,
      createFileSystemWatcher: fileSystemWatcher,
      textDocuments: [],
      workspaceFolders: undefined,
      getWorkspaceFolder: () => undefined,
      isTrusted: true,
    },
    languages: {
      createDiagnosticCollection: () => ({ set: () => undefined, delete: () => undefined, clear: () => undefined, dispose: () => undefined }),
      registerCodeLensProvider: noEvent,
    },
    commands: {
      registerCommand: (id: string) => {
        registeredCommands.push(id);
        return new Disposable(() => undefined);
      },
      executeCommand: noAnswer,
    },
    env: { remoteName: undefined, clipboard: { writeText: () => Promise.resolve() } },
    l10n,
  };
  return { api, registeredCommands, statusBarItems };
}

/** An input box that, once shown, takes the value `answer()` gives and accepts it, as a fast typist would. */
export function scriptedInputBox(answer: () => string): Record<string, unknown> {
  const accepted = new EventEmitter<void>();
  const hidden = new EventEmitter<void>();
  const box = {
    value: '',
    buttons: [],
    onDidChangeValue: noEvent,
    onDidTriggerButton: noEvent,
    onDidAccept: accepted.event,
    onDidHide: hidden.event,
    show: () =>
      setImmediate(() => {
        box.value = answer();
        accepted.fire();
      }),
    hide: () => hidden.fire(),
    dispose: () => undefined,
  };
  return box;
}

/** An ExtensionContext for a production activation from `extensionPath`. */
export function createExtensionContext(extensionPath: string): Record<string, unknown> {
  const memento = () => {
    const values = new Map<string, unknown>();
    return {
      get: (key: string, defaultValue?: unknown) => (values.has(key) ? values.get(key) : defaultValue),
      update: (key: string, value: unknown) => Promise.resolve(void values.set(key, value)),
      keys: () => [...values.keys()],
      setKeysForSync: () => undefined,
    };
  };
  const packageJSON = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8')) as { name: string; publisher: string };
  return {
    subscriptions: [],
    extension: { id: `${packageJSON.publisher}.${packageJSON.name}`, extensionPath, packageJSON },
    extensionPath,
    extensionUri: Uri.file(extensionPath),
    extensionMode: 1,
    globalState: memento(),
    workspaceState: memento(),
    environmentVariableCollection: {
      persistent: true,
      description: undefined,
      replace: () => undefined,
      append: () => undefined,
      prepend: () => undefined,
      get: () => undefined,
      delete: () => undefined,
      clear: () => undefined,
      forEach: () => undefined,
    },
  };
}
