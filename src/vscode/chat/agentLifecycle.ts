// Owns the panel agent's lifecycle: built on first use (once, even when two callers ask at the same
// time), dropped and rebuilt from its saved conversation when settings, keys, MCP servers or trust
// change — but never mid-turn: a change during a turn applies once the turn has ended. A new or
// opened task starts it over. Plain TypeScript (no `vscode`): the builder is passed in.

/** What the lifecycle needs of an agent: its conversation, to carry it into the rebuilt one. */
export interface Rebuildable {
  session: { toJSON(): unknown };
}

/** Builds an agent continuing `saved` (undefined: a fresh conversation); a string says why it cannot. */
export type AgentBuilder<A> = (saved: unknown) => Promise<A | string>;

export class AgentLifecycle<A extends Rebuildable> {
  private agent: A | undefined;
  private building: Promise<A | string> | undefined;
  /** The conversation the next agent continues (a restored task, or the one before a rebuild). */
  private saved: unknown;
  private rebuildPending = false;
  /** Bumped by reset(): a build started before it must not install its agent. */
  private generation = 0;

  constructor(
    private readonly build: AgentBuilder<A>,
    private readonly running: () => boolean,
  ) {}

  /** The current agent, if one is built. */
  get current(): A | undefined {
    return this.agent;
  }

  /** The agent, built now if needed; concurrent callers share one build. */
  ensure(): Promise<A | string> {
    if (this.agent) return Promise.resolve(this.agent);
    if (this.building) return this.building;
    const generation = this.generation;
    const saved = this.saved;
    const building = this.build(saved).then(
      (built) => {
        if (this.building === building) this.building = undefined;
        if (typeof built === 'string' || generation !== this.generation) return built;
        this.agent = built;
        this.saved = undefined;
        return built;
      },
      (err: unknown) => {
        if (this.building === building) this.building = undefined;
        throw err;
      },
    );
    this.building = building;
    return building;
  }

  /** Settings changed: the next turn gets a new agent with the same conversation. */
  rebuild(): void {
    if (!this.agent) return;
    // Mid-turn the session is still growing: rebuild once the turn has ended.
    if (this.running()) {
      this.rebuildPending = true;
      return;
    }
    this.saved = this.agent.session.toJSON();
    this.agent = undefined;
  }

  /** A turn ended: a rebuild asked for during it happens now. */
  turnEnded(): void {
    if (!this.rebuildPending) return;
    this.rebuildPending = false;
    this.rebuild();
  }

  /** A new task (saved undefined) or an opened one: the next agent starts from `saved`. */
  reset(saved?: unknown): void {
    this.generation++;
    this.agent = undefined;
    this.building = undefined;
    this.rebuildPending = false;
    this.saved = saved;
  }

  /** The conversation to store: the agent's, else the one waiting to be continued. */
  sessionJson(): unknown {
    return this.agent ? this.agent.session.toJSON() : this.saved;
  }
}
