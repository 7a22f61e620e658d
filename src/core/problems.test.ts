import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Mlco2Error, type Problem } from "./errors.ts";
import {
  conflict,
  failed,
  formatProblem,
  invalid,
  notAllowed,
  notANumber,
  notJson,
  outOfRange,
  repeated,
  required,
  SHOWN_MAX,
  shownValue,
  succeeded,
  unavailable,
  unknownName,
  wrongKind,
} from "./problems.ts";

/** A CLI-like spelling of fields: core paths as flags; a path without a flag ("location") as it is. */
const FLAGS: Record<string, string> = {
  hours: "--hours",
  deviceHours: "--device-hours",
  region: "--region",
  country: "--country",
  zone: "--zone",
  intensity: "--intensity",
  watts: "--watts",
  memoryGB: "--memory-gb",
  cpuCount: "--cpu-count",
  cpuUtilization: "--cpu-utilization",
};
const flag = (path: string): string => FLAGS[path] ?? path;

describe("shownValue: a user's value as a message shows it", () => {
  it("numbers as JavaScript prints them, unquoted", () => {
    assert.equal(shownValue(-1), "-1");
    assert.equal(shownValue(5e-324), "5e-324");
    assert.equal(shownValue(Number.NaN), "NaN");
    assert.equal(shownValue(Number.NEGATIVE_INFINITY), "-Infinity");
    assert.equal(shownValue(1e21), "1e+21");
  });

  it("absent is 'missing'; null, booleans, arrays and objects as JSON, unquoted", () => {
    assert.equal(shownValue(undefined), "missing");
    assert.equal(shownValue(null), "null");
    assert.equal(shownValue(false), "false");
    assert.equal(shownValue([1, "a"]), '[1,"a"]');
    assert.equal(shownValue({ hours: 1 }), '{"hours":1}');
  });

  it("values JSON cannot write: as String() does", () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    assert.equal(shownValue(circular), "[object Object]");
    assert.equal(shownValue(10n), "10");
    assert.equal(shownValue(Symbol("s")), "Symbol(s)");
  });

  it("strings quoted, inner quotes escaped", () => {
    assert.equal(shownValue("A100"), '"A100"');
    assert.equal(shownValue(""), '""');
    assert.equal(shownValue('say "hi"'), '"say \\"hi\\""');
  });

  it("control characters escaped: named ones by name, the rest as \\u code points", () => {
    assert.equal(shownValue("a\nb\rc\td"), '"a\\nb\\rc\\td"');
    assert.equal(shownValue("\u0000\u001b[31m"), '"\\u0000\\u001b[31m"');
    assert.equal(
      shownValue("del\u007f c1\u0085 ls\u2028 ps\u2029"),
      '"del\\u007f c1\\u0085 ls\\u2028 ps\\u2029"',
    );
    assert.equal(shownValue("x\u0001\u0002\u001f"), '"x\\u0001\\u0002\\u001f"');
  });

  it("JSON of an object keeps its escapes; a control character in a key stays escaped", () => {
    assert.equal(shownValue({ "a\nb": "c" }), '{"a\\nb":"c"}');
  });

  it("64 characters are shown whole; 65 are cut to 64 with an ellipsis and the length", () => {
    const exactly = "x".repeat(SHOWN_MAX);
    assert.equal(shownValue(exactly), `"${exactly}"`);
    assert.equal(shownValue(`${exactly}y`), `"${exactly}…" (65 characters)`);
  });

  it("a 100 KB value costs one short line, its length grouped", () => {
    const huge = `${"a".repeat(60)}"\n${"b".repeat(100_000)}`;
    const shown = shownValue(huge);
    assert.equal(shown, `"${"a".repeat(60)}\\"\\nbb…" (100,062 characters)`);
    assert.ok(!shown.includes("\n"));
  });

  it("long arrays and objects are cut too, unquoted", () => {
    const list = Array.from({ length: 100 }, (_, i) => i);
    const json = JSON.stringify(list);
    assert.equal(shownValue(list), `${json.slice(0, 64)}… (${json.length} characters)`);
  });

  it("a cut never splits a surrogate pair (no lone half of an emoji)", () => {
    const text = `a${"😀".repeat(40)}`; // a + 80 UTF-16 units: unit 64 is the first half of a pair
    const shown = shownValue(text);
    assert.equal(shown, `"a${"😀".repeat(31)}…" (81 characters)`);
    assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])/.test(shown), "no lone high surrogate");
  });

  it("escapes are applied after the cut: 100 newlines show 64, escaped", () => {
    assert.equal(shownValue("\n".repeat(100)), `"${"\\n".repeat(64)}…" (100 characters)`);
  });
});

describe("one constructor per code", () => {
  it("required, alone: 'is required', with what follows", () => {
    assert.deepEqual(required("memory"), { code: "required", path: "memory", message: "is required" });
    assert.deepEqual(required("memory", [], " (GB)"), {
      code: "required",
      path: "memory",
      message: "is required (GB)",
    });
  });

  it("required, offering one, two or more fields", () => {
    assert.deepEqual(required("cpu", ["cpu"]), {
      code: "required",
      path: "cpu",
      message: "give cpu",
      fields: ["cpu"],
    });
    assert.equal(
      required("hours", ["hours", "deviceHours"], " (a number above 0)").message,
      "give hours or deviceHours (a number above 0)",
    );
    assert.equal(required("location", ["a", "b", "c"]).message, "give one of a, b or c");
  });

  it("conflict names the others, then the advice", () => {
    assert.deepEqual(conflict("country", ["region"], "; give only one location"), {
      code: "conflict",
      path: "country",
      message: "cannot be combined with region; give only one location",
      fields: ["region"],
    });
    assert.equal(conflict("a", ["b", "c", "d"]).message, "cannot be combined with b, c and d");
  });

  it("notANumber: the value, what it is not, what to use", () => {
    assert.deepEqual(notANumber("hours", "ten", "a number above 0"), {
      code: "not-a-number",
      path: "hours",
      message: '"ten" is not a number; use a number above 0',
    });
    assert.equal(
      notANumber("count", 1.5, "a whole number from 1", "a whole number").message,
      "1.5 is not a whole number; use a whole number from 1",
    );
  });

  it("outOfRange: the value and what is allowed", () => {
    assert.deepEqual(outOfRange("hours", -1, "a number above 0 and at most 87600"), {
      code: "out-of-range",
      path: "hours",
      message: "-1 is not allowed; use a number above 0 and at most 87600",
    });
  });

  it("notAllowed: the choices, and the closest one as a suggestion when there is one", () => {
    assert.deepEqual(notAllowed("format", "jsn", ["text", "json"], "json"), {
      code: "not-allowed",
      path: "format",
      message: '"jsn" is not allowed (did you mean json?); use one of text, json',
      suggestions: ["json"],
    });
    assert.deepEqual(notAllowed("format", "xml", ["text", "json"]), {
      code: "not-allowed",
      path: "format",
      message: '"xml" is not allowed; use one of text, json',
    });
  });

  it("unknownName: 'unknown <what>', the suggestions quoted, then the hint", () => {
    assert.deepEqual(
      unknownName("unknown-zone", "zone", "grid zone", "SE-SE9", ["SE-SE1", "SE-SE2"], "; see mlco2 zones"),
      {
        code: "unknown-zone",
        path: "zone",
        message: 'unknown grid zone "SE-SE9"; did you mean "SE-SE1", "SE-SE2"?; see mlco2 zones',
        suggestions: ["SE-SE1", "SE-SE2"],
      },
    );
    assert.equal(
      unknownName("unknown-hardware", "hardware", "hardware", "x", []).message,
      'unknown hardware "x"',
    );
  });

  it("unknownName with { not }: what the value is not", () => {
    assert.equal(
      unknownName("unknown-region", "region", { not: "not provider:region" }, "eu", ["aws:eu-1"]).message,
      '"eu" is not provider:region; did you mean "aws:eu-1"?',
    );
  });

  it("unknownName escapes what the user typed", () => {
    assert.equal(
      unknownName("unknown-hardware", "hardware", "hardware", 'A"100\n', []).message,
      'unknown hardware "A\\"100\\n"',
    );
  });

  it("unavailable, invalid and notJson keep the message they are given", () => {
    assert.deepEqual(unavailable("unknown-year", "year", "2019 is not available"), {
      code: "unknown-year",
      path: "year",
      message: "2019 is not available",
    });
    assert.deepEqual(invalid("factors[2].value", "NaN is not allowed"), {
      code: "invalid",
      path: "factors[2].value",
      message: "NaN is not allowed",
    });
    assert.deepEqual(notJson("", "Unexpected token"), {
      code: "not-json",
      path: "",
      message: "Unexpected token",
    });
  });

  it("wrongKind: the value is a <kind>, not what is allowed", () => {
    assert.deepEqual(wrongKind("cpu", "H100", "gpu", "a CPU"), {
      code: "wrong-kind",
      path: "cpu",
      message: '"H100" is a gpu, not a CPU',
    });
  });

  it("repeated: how many times, each value shown", () => {
    assert.deepEqual(repeated("hours", ["1", "2\n"]), {
      code: "repeated",
      path: "hours",
      message: 'given 2 times ("1", "2\\n"); give it once',
    });
  });

  it("no message starts with its field's name", () => {
    const all: Problem[] = [
      required("hours"),
      required("hours", ["hours", "deviceHours"]),
      conflict("hours", ["deviceHours"]),
      notANumber("hours", "x", "y"),
      outOfRange("hours", 1, "y"),
      notAllowed("hours", "x", ["a"]),
      unknownName("unknown-hardware", "hours", "hardware", "x", []),
      wrongKind("hours", "x", "gpu", "a CPU"),
      repeated("hours", ["1", "2"]),
    ];
    for (const p of all) assert.ok(!p.message.startsWith("hours"), p.message);
  });
});

describe("formatProblem: the edge's wording", () => {
  it("without a nameOf: the core's own names", () => {
    assert.equal(
      formatProblem(conflict("country", ["region"], "; give only one location")),
      "country: cannot be combined with region; give only one location",
    );
  });

  it("a CLI-like nameOf renames the field and the other side of a conflict", () => {
    assert.equal(
      formatProblem(conflict("deviceHours", ["hours"], "; give one of the two"), flag),
      "--device-hours: cannot be combined with --hours; give one of the two",
    );
    assert.equal(
      formatProblem(conflict("cpuUtilization", ["watts", "memoryGB", "cpuCount"]), flag),
      "--cpu-utilization: cannot be combined with --watts, --memory-gb and --cpu-count",
    );
  });

  it("renames the alternatives of a requirement, keeping the rest of the message as it is", () => {
    assert.equal(
      formatProblem(required("hours", ["hours", "deviceHours"], " (a number above 0)"), flag),
      "--hours: give --hours or --device-hours (a number above 0)",
    );
    assert.equal(
      formatProblem(required("location", ["region", "country", "zone", "intensity"], " (g/kWh)"), flag),
      "location: give one of --region, --country, --zone or --intensity (g/kWh)",
    );
  });

  it("only the lead is renamed: the same word later in the message stays", () => {
    assert.equal(
      formatProblem(conflict("zone", ["region"], "; region wins"), flag),
      "--zone: cannot be combined with --region; region wins",
    );
  });

  it("a message that no longer starts with its lead keeps its text (only the field is renamed)", () => {
    const edited: Problem = { code: "conflict", path: "zone", message: "pick one", fields: ["region"] };
    assert.equal(formatProblem(edited, flag), "--zone: pick one");
  });

  it("codes without fields, and codes from other parts (batch rows), rename only the field", () => {
    assert.equal(
      formatProblem(outOfRange("memoryGB", -1, "0 or more"), flag),
      "--memory-gb: -1 is not allowed; use 0 or more",
    );
    const row: Problem<"bad-row"> = { code: "bad-row", path: "deviceHours", message: "x", fields: ["hours"] };
    assert.equal(formatProblem(row, flag), "--device-hours: x");
  });

  it("a problem about the whole input (path '') is its message alone", () => {
    assert.equal(
      formatProblem(notJson("", "Unexpected end of JSON input"), flag),
      "Unexpected end of JSON input",
    );
  });
});

describe("outcomes and the thrown error", () => {
  it("failed and succeeded build the two sides of an Outcome", () => {
    const problems: [Problem, ...Problem[]] = [required("hours")];
    assert.deepEqual(failed(problems), { ok: false, problems });
    assert.deepEqual(succeeded(42), { ok: true, value: 42 });
  });

  it("Mlco2Error: every problem, one line each in core names; code and path of the first; a cause", () => {
    const cause = new Error("root");
    const error = new Mlco2Error([outOfRange("hours", -1, "a number above 0"), notJson("", "bad")], {
      cause,
    });
    assert.equal(error.message, "hours: -1 is not allowed; use a number above 0\nbad");
    assert.equal(error.code, "out-of-range");
    assert.equal(error.path, "hours");
    assert.equal(error.problems.length, 2);
    assert.equal(error.name, "Mlco2Error");
    assert.equal(error.cause, cause);
    assert.ok(error instanceof Error);
  });
});
