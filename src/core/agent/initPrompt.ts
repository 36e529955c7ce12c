// The task /init sends: look at the project and write a first AGENTS.md (the instructions file
// Tandem and other agents read), proposed as a change the user approves like any other.
export const INIT_TASK = `Write a first AGENTS.md at the workspace root for this project: the instructions an AI coding agent (and a new developer) needs to work here.
First explore: list the root, read the README, the package manifest / build files, the test setup and CI configuration, and a few representative source files.
Then write AGENTS.md (with write_file), short and specific to this project, with these sections where they apply:
- Project: what it is, the main folders and what lives where.
- Commands: how to install, build, run, lint and test (exact commands; how to run one test).
- Conventions: language and style rules, naming, error handling, patterns the code follows.
- Testing: where tests live and what a change needs.
- Do not: things to avoid (generated files, secrets, slow commands).
Only write what you found in the project; do not invent commands. Keep it under 120 lines.`;
