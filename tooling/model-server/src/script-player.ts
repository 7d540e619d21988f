import { DEFAULT_ANSWER, turnsFor } from "./script.js";
import type { ApiName, Script, Turn } from "./script.js";

/** Hands out the turns of the current script, with one cursor per API. */
export class ScriptPlayer {
  #script: Script;
  readonly #cursors = new Map<ApiName, number>();

  constructor(script: Script) {
    this.#script = script;
  }

  /** Replaces the script and starts every API from its first turn again. */
  replace(script: Script): void {
    this.#script = script;
    this.#cursors.clear();
  }

  /** The turn `next` would return, without using it up. */
  peek(api: ApiName): Turn {
    return this.#turnAt(api, this.#cursors.get(api) ?? 0);
  }

  next(api: ApiName): Turn {
    const index = this.#cursors.get(api) ?? 0;
    this.#cursors.set(api, index + 1);
    return this.#turnAt(api, index);
  }

  #turnAt(api: ApiName, index: number): Turn {
    const turns = turnsFor(this.#script, api);
    const turn = turns[index];
    if (turn) return turn;
    const last = turns.at(-1);
    const repeat = (this.#script.onExhausted ?? "repeat_last") === "repeat_last";
    return repeat && last ? last : { kind: "text", text: DEFAULT_ANSWER };
  }
}
