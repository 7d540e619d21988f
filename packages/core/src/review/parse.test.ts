import { describe, expect, it } from "vitest";
import { readReview, verdictOf } from "./parse.js";

describe("verdictOf and the verdict line", () => {
  it.each([
    ["VERDICT: REQUEST_CHANGES", "request_changes"],
    ["VERDICT: APPROVE", "approve"],
    ["Verdict: approve", "approve"],
    ["**VERDICT:** REQUEST_CHANGES", "request_changes"],
    ["**Verdict**: Request changes", "request_changes"],
    ["## Verdict: approved", "approve"],
    ["Final verdict — request-changes", "request_changes"],
    ["VERDICT: `APPROVE`", "approve"],
    ["> VERDICT: BLOCK", "request_changes"],
    ["Verdict: reject", "request_changes"],
    ["Verdict: needs changes before merge", "request_changes"],
    ["Verdict: LGTM", "approve"],
    ["No blocking issues found. VERDICT: APPROVE session:7f0c", "approve"],
    ["My verdict is: request changes.", "request_changes"],
    ["- Verdict = approve", "approve"],
  ])("reads %j", (line, verdict) => {
    expect(readReview(`Some review text.\n\n${line}\n`).verdict).toBe(verdict);
  });

  it.each([
    ["no verdict at all", "Looks fine to me, nothing to add."],
    ["the format echoed back", "VERDICT: APPROVE or VERDICT: REQUEST_CHANGES"],
    ["both alternatives", "Verdict: approve | request_changes"],
    ["a verdict word in prose", "The verdict depends on whether the cache is warm."],
  ])("finds none in %s", (_, text) => {
    expect(readReview(text).verdict).toBeNull();
  });

  it("takes the last verdict when there are several, and reads a verdict heading", () => {
    expect(readReview("VERDICT: APPROVE\n\nOn reflection:\nVERDICT: REQUEST_CHANGES").verdict).toBe("request_changes");
    expect(readReview("## Verdict\n\n**Approve**\n").verdict).toBe("approve");
    expect(verdictOf("request_changes")).toBe("request_changes");
    expect(verdictOf("maybe")).toBeNull();
  });
});

describe("findings", () => {
  it("reads the requested one-line form", () => {
    const review = readReview(
      [
        "The change mostly works.",
        "",
        "FINDINGS:",
        "- [high] src/app.js:12 — Unchecked null: `user` may be null when the session expired.",
        "- [low] README.md:3 — Typo: 'teh'.",
        "",
        "SUMMARY: One real bug in the login path.",
        "VERDICT: REQUEST_CHANGES",
      ].join("\n"),
    );
    expect(review).toEqual({
      verdict: "request_changes",
      summary: "One real bug in the login path.",
      findings: [
        { severity: "high", file: "src/app.js", line: 12, title: "Unchecked null", detail: "user may be null when the session expired." },
        { severity: "low", file: "README.md", line: 3, title: "Typo", detail: "'teh'." },
      ],
    });
  });

  it.each([
    ["1. **High** — src/app.js:12 — Unchecked null: crashes on logout", { severity: "high", file: "src/app.js", line: 12, title: "Unchecked null", detail: "crashes on logout" }],
    ["- **[CRITICAL]** `src/db.ts:40` SQL injection - the id is concatenated", { severity: "critical", file: "src/db.ts", line: 40, title: "SQL injection", detail: "the id is concatenated" }],
    ["* (medium) lib/x.py line 7: slow loop", { severity: "medium", file: "lib/x.py", line: 7, title: "slow loop", detail: "" }],
    ["- Medium: src/app.js:30 — Missing await", { severity: "medium", file: "src/app.js", line: 30, title: "Missing await", detail: "" }],
    ["- [minor] Inconsistent naming in src/util/names.ts", { severity: "low", file: "src/util/names.ts", line: null, title: "Inconsistent naming", detail: "" }],
    ["- [major] Race between writer and reader (src/store.ts:88): two writers can interleave", { severity: "high", file: "src/store.ts", line: 88, title: "Race between writer and reader", detail: "two writers can interleave" }],
    ["- [low] General: consider more tests", { severity: "low", file: null, line: null, title: "General", detail: "consider more tests" }],
    ["2) **Low**: app.js:5 unused variable", { severity: "low", file: "app.js", line: 5, title: "unused variable", detail: "" }],
  ])("reads %j", (line, finding) => {
    expect(readReview(`${line}\nVERDICT: APPROVE`).findings).toEqual([finding]);
  });

  it("reads heading blocks with severity and file fields, and indented detail lines", () => {
    const review = readReview(
      [
        "### 1. SQL injection in the query builder",
        "**Severity:** High",
        "**File:** `src/db.js:42`",
        "**Description:** The id is concatenated into the query.",
        "",
        "- [medium] src/app.js:9 — Retry without backoff",
        "  Every failure retries at once,",
        "  which hammers the server.",
        "",
        "VERDICT: REQUEST_CHANGES",
      ].join("\n"),
    );
    expect(review.findings).toEqual([
      { severity: "high", file: "src/db.js", line: 42, title: "SQL injection in the query builder", detail: "The id is concatenated into the query." },
      { severity: "medium", file: "src/app.js", line: 9, title: "Retry without backoff", detail: "Every failure retries at once, which hammers the server." },
    ]);
  });

  it("reads table rows", () => {
    const review = readReview(["| Severity | Location | Issue |", "|---|---|---|", "| High | src/a.ts:3 | Leak | handle never closed |", "", "VERDICT: REQUEST_CHANGES"].join("\n"));
    expect(review.findings).toEqual([{ severity: "high", file: "src/a.ts", line: 3, title: "Leak", detail: "handle never closed" }]);
  });

  it("leaves prose, code blocks and 'FINDINGS: none' alone", () => {
    const review = readReview(
      [
        "High level: the design is sound.",
        "Low risk overall.",
        "```",
        "- [high] src/fake.js:1 — inside a code block",
        "```",
        "FINDINGS: none",
        "VERDICT: APPROVE",
      ].join("\n"),
    );
    expect(review.findings).toEqual([]);
    expect(review.summary).toBe("High level: the design is sound. Low risk overall.");
  });

  it("prefers structured output when it carries the fields", () => {
    const review = readReview("prose without a verdict", { verdict: "REQUEST_CHANGES", findings: [{ severity: "High", file: "a.ts", line: 2, title: "t", detail: "d" }, { severity: "bogus" }], summary: "s" });
    expect(review).toEqual({ verdict: "request_changes", findings: [{ severity: "high", file: "a.ts", line: 2, title: "t", detail: "d" }], summary: "s" });
    expect(readReview("VERDICT: APPROVE", { unrelated: true }).verdict).toBe("approve");
  });
});
