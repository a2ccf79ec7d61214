import type {
  App,
  BlockButtonAction,
  Middleware,
  SlackAction,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackViewAction,
  SlackViewMiddlewareArgs,
} from '@slack/bolt';
import { escapeRegExp } from '../text/regexp.js';

/**
 * Where each Slack surface module registers its listeners: the part of Bolt's App they use, with the same
 * listener arguments. Bolt runs every listener's middleware chain on every request (each one copies the
 * arguments object), so eleven listeners cost a /wa-error answer about a tenth of its time before anything
 * was matched; mounted, they are one Bolt listener per kind (commands, buttons, modals), which finds its
 * listener by name.
 */
export interface Routes {
  command(name: string, listener: Middleware<SlackCommandMiddlewareArgs>): void;
  action<A extends SlackAction = BlockButtonAction>(actionId: string, listener: Middleware<SlackActionMiddlewareArgs<A>>): void;
  view<V extends SlackViewAction = SlackViewAction>(callbackId: string, listener: Middleware<SlackViewMiddlewareArgs<V>>): void;
}

type Table<Args> = Map<string, Middleware<Args>>;

/** The routes, and `mount` to hand them to Bolt once every module has registered. */
export function createRoutes(): Routes & { mount(bolt: App): void } {
  const commands: Table<SlackCommandMiddlewareArgs> = new Map();
  const actions: Table<SlackActionMiddlewareArgs> = new Map();
  const views: Table<SlackViewMiddlewareArgs> = new Map();
  const add = <Args>(table: Table<Args>, name: string, listener: Middleware<Args>) => {
    // One listener per name: two would mean two answers to one click, and Bolt's chain ran both.
    if (table.has(name)) throw new Error(`two Slack listeners for ${name}`);
    table.set(name, listener);
  };
  return {
    command: (name, listener) => add(commands, name, listener),
    action: (actionId, listener) => add(actions, actionId, listener as Middleware<SlackActionMiddlewareArgs>),
    view: (callbackId, listener) => add(views, callbackId, listener as Middleware<SlackViewMiddlewareArgs>),
    // `bolt`, not `app`: the listeners that ack are the modules' (the architecture test reads them there); these
    // only pass each request on, awaiting nothing, so each listener's ack still comes first.
    mount(bolt) {
      // Bolt still matches the names (exactly: an anchored pattern of the names registered), so a request for
      // none of them is unhandled as before; the listener found is the one registered for that name.
      if (commands.size > 0) bolt.command(exactly(commands), (args) => dispatch(commands, args.command.command, args));
      if (actions.size > 0)
        bolt.action(exactly(actions), (args) => dispatch(actions, (args.action as { action_id: string }).action_id, args));
      if (views.size > 0) bolt.view(exactly(views), (args) => dispatch(views, args.view.callback_id, args));
    },
  };
}

/** The listener registered for `name`: always one, since Bolt matched the request against these very names. */
function dispatch<Args>(table: Table<Args>, name: string, args: Parameters<Middleware<Args>>[0]): Promise<void> {
  return table.get(name)?.(args) ?? Promise.resolve();
}

/** A pattern matching exactly the table's names. */
function exactly(table: ReadonlyMap<string, unknown>): RegExp {
  return new RegExp(`^(?:${[...table.keys()].map(escapeRegExp).join('|')})$`);
}
