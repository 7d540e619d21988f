import * as z from "zod";

// Imported before the protocol SDK, whose schemas read this when they are built. zod compiles
// a parser per object schema on its first parse (`new Function`), which pays off only over
// many parses; a server parses each message shape a handful of times, and the compiling was
// a large share of answering `initialize`.
z.config({ jitless: true });
