import { readFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createModelServer } from "./server.js";
import type { ModelServer } from "./server.js";
import type { Script } from "./script.js";
import { parseSse, postJson } from "./test-support/sse-client.js";

const servers: ModelServer[] = [];

async function start(script?: Script, logFile?: string): Promise<ModelServer> {
  const server = await createModelServer({ ...(script ? { script } : {}), ...(logFile ? { logFile } : {}) });
  servers.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const anthropicRequest = (prompt: string, stream = true): Record<string, unknown> => ({
  model: "claude-test",
  stream,
  tools: [{ name: "Read", input_schema: {} }, { name: "Grep", input_schema: {} }],
  messages: [{ role: "user", content: prompt }],
});

const geminiRequest = (prompt: string): Record<string, unknown> => ({
  contents: [{ role: "user", parts: [{ text: prompt }] }],
  tools: [{ functionDeclarations: [{ name: "read_file" }, { name: "glob" }] }],
});

async function anthropicStream(server: ModelServer, body: unknown): Promise<ReturnType<typeof parseSse>> {
  const res = await postJson(`${server.url}/v1/messages?beta=true`, body);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/event-stream");
  return parseSse(await res.text());
}

async function geminiStream(server: ModelServer, body: unknown): Promise<ReturnType<typeof parseSse>> {
  const res = await postJson(`${server.url}/v1beta/models/gemini-test:streamGenerateContent?alt=sse`, body);
  expect(res.status).toBe(200);
  return parseSse(await res.text());
}

describe("Anthropic Messages API", () => {
  it("streams a text answer as the documented event sequence", async () => {
    const server = await start({ turns: [{ kind: "text", text: "All good here" }] });
    const events = await anthropicStream(server, anthropicRequest("review"));
    expect(events.map((e) => e.event)).toEqual([
      "message_start",
      "content_block_start",
      "content_block_delta",
      "content_block_delta",
      "content_block_delta",
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    const text = events.flatMap((e) => (e.event === "content_block_delta" ? [(e.data as { delta: { text: string } }).delta.text] : []));
    expect(text.join("")).toBe("All good here");
    expect(events[6]?.data).toMatchObject({ delta: { stop_reason: "end_turn" }, usage: { output_tokens: expect.any(Number) } });
    expect(events[0]?.data).toMatchObject({ message: { role: "assistant", model: "claude-test" } });
  });

  it("streams a tool call as input_json_delta pieces with stop_reason tool_use", async () => {
    const input = { file_path: "/tmp/x.txt", content: "hello\n" };
    const server = await start({ turns: [{ kind: "tool_call", name: "Write", input }] });
    const events = await anthropicStream(server, anthropicRequest("fix"));
    expect(events[1]?.data).toMatchObject({ content_block: { type: "tool_use", name: "Write", input: {} } });
    const json = events
      .flatMap((e) => (e.event === "content_block_delta" ? [(e.data as { delta: { type: string; partial_json: string } }).delta] : []))
      .map((d) => {
        expect(d.type).toBe("input_json_delta");
        return d.partial_json;
      })
      .join("");
    expect(JSON.parse(json)).toEqual(input);
    expect(events.find((e) => e.event === "message_delta")?.data).toMatchObject({ delta: { stop_reason: "tool_use" } });
  });

  it("answers non-streaming requests with one message object", async () => {
    const server = await start({ turns: [{ kind: "text", text: "plain" }] });
    const res = await postJson(`${server.url}/v1/messages`, anthropicRequest("hi", false));
    expect(await res.json()).toMatchObject({ type: "message", content: [{ type: "text", text: "plain" }], stop_reason: "end_turn" });
  });

  it.each([
    [401, "authentication_error"],
    [429, "rate_limit_error"],
    [500, "api_error"],
  ])("fails with HTTP %i and error type %s", async (status, type) => {
    const server = await start({ turns: [{ kind: "http_error", status }] });
    const res = await postJson(`${server.url}/v1/messages?beta=true`, anthropicRequest("hi"));
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ type: "error", error: { type, message: `scripted ${status}` } });
  });

  it("counts tokens without using up a turn, and 404s unknown paths", async () => {
    const server = await start({ turns: [{ kind: "text", text: "first" }, { kind: "text", text: "second" }] });
    const count = await postJson(`${server.url}/v1/messages/count_tokens?beta=true`, anthropicRequest("hi"));
    expect(await count.json()).toEqual({ input_tokens: expect.any(Number) });
    expect((await postJson(`${server.url}/api/hello`, {})).status).toBe(404);
    const res = await postJson(`${server.url}/v1/messages`, anthropicRequest("hi", false));
    expect(await res.json()).toMatchObject({ content: [{ text: "first" }] });
  });
});

describe("Gemini API", () => {
  it("streams text as data lines ending with finishReason STOP and usage", async () => {
    const server = await start({ turns: [{ kind: "text", text: "Looks fine" }] });
    const events = await geminiStream(server, geminiRequest("review"));
    expect(events.every((e) => e.event === undefined)).toBe(true);
    const parts = events.map((e) => (e.data as { candidates: [{ content: { role: string; parts: [{ text: string }] } }] }).candidates[0].content);
    expect(parts.every((c) => c.role === "model")).toBe(true);
    expect(parts.map((c) => c.parts[0].text).join("")).toBe("Looks fine");
    expect(events.at(-1)?.data).toMatchObject({
      candidates: [{ finishReason: "STOP" }],
      usageMetadata: { promptTokenCount: expect.any(Number), candidatesTokenCount: expect.any(Number), totalTokenCount: expect.any(Number) },
    });
  });

  it("streams a functionCall part", async () => {
    const server = await start({ gemini: [{ kind: "tool_call", name: "write_file", input: { file_path: "/x", content: "y" } }] });
    const events = await geminiStream(server, geminiRequest("fix"));
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({
      candidates: [{ content: { parts: [{ functionCall: { name: "write_file", args: { file_path: "/x", content: "y" } } }] }, finishReason: "STOP" }],
    });
  });

  it("answers generateContent and countTokens", async () => {
    const server = await start({ turns: [{ kind: "text", text: "whole answer" }] });
    const res = await postJson(`${server.url}/v1beta/models/gemini-test:generateContent`, geminiRequest("hi"));
    expect(await res.json()).toMatchObject({ candidates: [{ content: { parts: [{ text: "whole answer" }] }, finishReason: "STOP" }] });
    const count = await postJson(`${server.url}/v1beta/models/gemini-test:countTokens`, geminiRequest("hi"));
    expect(await count.json()).toEqual({ totalTokens: expect.any(Number) });
  });

  it("answers the CLI's JSON helper calls without using up a turn", async () => {
    const server = await start({ turns: [{ kind: "text", text: "the real answer" }] });
    const helper = { ...geminiRequest("classify"), generationConfig: { responseMimeType: "application/json" } };
    const res = await postJson(`${server.url}/v1beta/models/flash:generateContent`, helper);
    const body = (await res.json()) as { candidates: [{ content: { parts: [{ text: string }] } }] };
    expect(JSON.parse(body.candidates[0].content.parts[0].text)).toMatchObject({ next_speaker: "user" });
    const events = await geminiStream(server, geminiRequest("review"));
    expect(events.length).toBeGreaterThan(0);
    expect(server.requests().map((r) => r.turn)).toEqual([null, "text"]);
  });

  it.each([
    [401, "UNAUTHENTICATED"],
    [429, "RESOURCE_EXHAUSTED"],
    [500, "INTERNAL"],
  ])("fails with HTTP %i and status %s, helper calls included", async (status, name) => {
    const server = await start({ turns: [{ kind: "http_error", status, message: "nope" }] });
    const helper = { ...geminiRequest("classify"), generationConfig: { responseMimeType: "application/json" } };
    for (const [path, body] of [
      ["gemini-test:streamGenerateContent?alt=sse", geminiRequest("hi")],
      ["flash:generateContent", helper],
    ] as const) {
      const res = await postJson(`${server.url}/v1beta/models/${path}`, body);
      expect(res.status).toBe(status);
      expect(await res.json()).toEqual({ error: { code: status, message: "nope", status: name } });
    }
  });
});

const responsesRequest = (input: unknown[]): Record<string, unknown> => ({
  model: "gpt-test",
  stream: true,
  tools: [
    { type: "function", name: "shell", parameters: {} },
    { type: "namespace", name: "mcp__companion", tools: [{ type: "function", name: "run" }, { type: "function", name: "wait" }] },
  ],
  input,
});

async function responsesStream(server: ModelServer, body: unknown): Promise<ReturnType<typeof parseSse>> {
  const res = await postJson(`${server.url}/v1/responses`, body);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/event-stream");
  return parseSse(await res.text());
}

describe("OpenAI Responses API (Codex)", () => {
  const userMessage = (text: string): unknown => ({ type: "message", role: "user", content: [{ type: "input_text", text }] });

  it("streams a text answer as output_item.done then completed, with usage", async () => {
    const server = await start({ openai: [{ kind: "text", text: "All good" }] });
    const events = await responsesStream(server, responsesRequest([userMessage("review")]));
    const kinds = events.map((e) => e.event);
    expect(kinds.slice(-2)).toEqual(["response.output_item.done", "response.completed"]);
    expect(events.at(-2)?.data).toMatchObject({ item: { type: "message", role: "assistant", content: [{ type: "output_text", text: "All good" }] } });
    const usage = (events.at(-1)?.data as { response: { usage: Record<string, number> } }).response.usage;
    expect(usage.input_tokens).toBeGreaterThan(0);
    expect(usage.total_tokens).toBe((usage.input_tokens ?? 0) + (usage.output_tokens ?? 0));
  });

  it("calls a tool inside a namespace with JSON arguments, and reads its output back in the next request", async () => {
    const server = await start({
      openai: [{ kind: "tool_call", namespace: "mcp__companion", name: "run", input: { mode: "review" } }, { kind: "text", text: "done" }],
    });
    const events = await responsesStream(server, responsesRequest([userMessage("review it")]));
    const item = (events.find((e) => e.event === "response.output_item.done")?.data as { item: Record<string, string> }).item;
    expect(item).toMatchObject({ type: "function_call", namespace: "mcp__companion", name: "run" });
    expect(JSON.parse(item.arguments ?? "")).toEqual({ mode: "review" });
    const followUp = [
      userMessage("review it"),
      { type: "function_call", call_id: item.call_id, namespace: "mcp__companion", name: "run", arguments: item.arguments },
      { type: "function_call_output", call_id: item.call_id, output: '{"job_id":"JOB-77"}' },
    ];
    const answer = await responsesStream(server, responsesRequest(followUp));
    expect(answer.at(-2)?.data).toMatchObject({ item: { content: [{ text: "done" }] } });
    const [first, second] = server.requests();
    expect(JSON.stringify(second?.body)).toContain("JOB-77");
    expect(first).toMatchObject({ endpoint: "openai.responses", api: "openai", prompt: "review it", turn: "tool_call" });
    expect(first?.toolNames).toEqual(["shell", "mcp__companion__run", "mcp__companion__wait"]);
  });

  it("fills {{job_id}} in a tool input with the job id of the latest tool result", async () => {
    const jobId = "0b5c3a52-8d1e-4c3f-9a77-2f7f7a2b9e10";
    const server = await start({ openai: [{ kind: "tool_call", namespace: "mcp__companion", name: "wait", input: { job_id: "{{job_id}}", timeout_s: 50 } }] });
    const input = [userMessage("go"), { type: "function_call_output", call_id: "c1", output: JSON.stringify({ event: "launched", job_id: jobId }) }];
    const events = await responsesStream(server, responsesRequest(input));
    const item = (events.find((e) => e.event === "response.output_item.done")?.data as { item: { arguments: string } }).item;
    expect(JSON.parse(item.arguments)).toEqual({ job_id: jobId, timeout_s: 50 });
  });

  it("fails with the API's error body", async () => {
    const server = await start({ openai: [{ kind: "http_error", status: 401 }] });
    const res = await postJson(`${server.url}/v1/responses`, responsesRequest([userMessage("hi")]));
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_api_key", message: "scripted 401" } });
  });
});

describe("scripts", () => {
  it("plays turns in order per API, then repeats the last", async () => {
    const server = await start({ turns: [{ kind: "text", text: "one" }, { kind: "text", text: "two" }] });
    const ask = async (): Promise<unknown> =>
      ((await (await postJson(`${server.url}/v1/messages`, anthropicRequest("q", false))).json()) as { content: unknown }).content;
    expect(await ask()).toEqual([{ type: "text", text: "one" }]);
    const gemini = await geminiStream(server, geminiRequest("q"));
    expect(JSON.stringify(gemini)).toContain('"one"');
    expect(await ask()).toEqual([{ type: "text", text: "two" }]);
    expect(await ask()).toEqual([{ type: "text", text: "two" }]);
  });

  it("answers the default answer when exhausted under default_answer, and setScript restarts", async () => {
    const server = await start({ turns: [{ kind: "text", text: "only" }], onExhausted: "default_answer" });
    const text = async (): Promise<string> => {
      const res = await postJson(`${server.url}/v1/messages`, anthropicRequest("q", false));
      return ((await res.json()) as { content: [{ text: string }] }).content[0].text;
    };
    expect(await text()).toBe("only");
    expect(await text()).toBe("OK");
    server.setScript({ turns: [{ kind: "text", text: "fresh" }] });
    expect(await text()).toBe("fresh");
  });

  it("recall reports whether a marker occurs before the current prompt", async () => {
    const server = await start({ turns: [{ kind: "recall", marker: "MK-1" }] });
    const resumed = {
      model: "m",
      stream: false,
      messages: [
        { role: "user", content: [{ type: "text", text: "remember MK-1" }] },
        { role: "assistant", content: [{ type: "text", text: "ok" }] },
        { role: "user", content: "what was it?" },
      ],
    };
    const found = await (await postJson(`${server.url}/v1/messages`, resumed)).json();
    expect(found).toMatchObject({ content: [{ text: "recall: found MK-1" }] });
    const fresh = await (await postJson(`${server.url}/v1/messages`, anthropicRequest("MK-1 is only in this prompt", false))).json();
    expect(fresh).toMatchObject({ content: [{ text: "recall: missing MK-1" }] });
  });

  it("list_tools quotes the offered tool names of either API", async () => {
    const server = await start({ turns: [{ kind: "list_tools" }] });
    const res = await postJson(`${server.url}/v1/messages`, anthropicRequest("q", false));
    expect(await res.json()).toMatchObject({ content: [{ text: "tools: Read,Grep" }] });
    const events = await geminiStream(server, geminiRequest("q"));
    expect(JSON.stringify(events)).toContain("read_file,glob");
  });

  it("slow_text pauses between chunks", async () => {
    const server = await start({ turns: [{ kind: "slow_text", text: "a b c", chunkDelayMs: 60 }] });
    const started = performance.now();
    const events = await anthropicStream(server, anthropicRequest("q"));
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    expect(events.filter((e) => e.event === "content_block_delta")).toHaveLength(3);
  });

  it("stall sends headers and a first chunk, then holds until the server closes", async () => {
    const server = await createModelServer({ script: { turns: [{ kind: "stall", text: "thinking" }] } });
    const res = await postJson(`${server.url}/v1/messages`, anthropicRequest("q"));
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let received = "";
    while (!received.includes("thinking")) {
      const { value } = await reader.read();
      received += new TextDecoder().decode(value);
    }
    const rest = reader.read();
    const settled = await Promise.race([rest.then(() => "ended"), new Promise((r) => setTimeout(() => r("pending"), 200))]);
    expect(settled).toBe("pending");
    await server.close();
    await expect(rest.then((r) => r.done).catch(() => true)).resolves.toBe(true);
  });

  it("accepts a replacement script over HTTP and rejects a malformed one", async () => {
    const server = await start();
    const put = (body: unknown): Promise<Response> =>
      fetch(`${server.url}/__script`, { method: "PUT", body: JSON.stringify(body) });
    expect((await put({ turns: [{ kind: "text", text: "via http" }] })).status).toBe(200);
    const res = await postJson(`${server.url}/v1/messages`, anthropicRequest("q", false));
    expect(await res.json()).toMatchObject({ content: [{ text: "via http" }] });
    const bad = await put({ turns: [{ kind: "shout" }] });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, error: expect.stringContaining("unknown turn kind") });
  });
});

describe("request log", () => {
  it("records tool names, prompt and headers without credentials, in memory, over HTTP and in a file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "model-server-log-"));
    try {
      const logFile = join(dir, "requests.jsonl");
      const server = await start({ turns: [{ kind: "text", text: "ok" }] }, logFile);
      await fetch(`${server.url}/v1/messages`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-api-key": "secret-key", authorization: "Bearer secret" },
        body: JSON.stringify(anthropicRequest("please review", false)),
      });
      await postJson(`${server.url}/v1beta/models/g:streamGenerateContent?alt=sse`, geminiRequest("gemini prompt"));
      const [first, second] = server.requests();
      expect(first).toMatchObject({ endpoint: "anthropic.messages", api: "anthropic", toolNames: ["Read", "Grep"], prompt: "please review", turn: "text" });
      expect(second).toMatchObject({ endpoint: "gemini.stream_generate", toolNames: ["read_file", "glob"], prompt: "gemini prompt" });
      expect(JSON.stringify(server.requests())).not.toContain("secret");
      const overHttp = await (await fetch(`${server.url}/__log`)).json();
      expect(overHttp).toEqual(JSON.parse(JSON.stringify(server.requests())));
      const lines = (await readFile(logFile, "utf8")).trim().split("\n").map((l) => JSON.parse(l) as unknown);
      expect(lines).toEqual(overHttp);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
