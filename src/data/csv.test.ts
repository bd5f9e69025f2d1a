import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors.js";
import { parseCsv, parseNumberTable, parseSklearnCsv } from "./csv.js";
import { DataError } from "./errors.js";

describe("parseCsv", () => {
  const text = "a,b,species\n1,2,cat\n3,4.5e0,dog\n\n5,-6,cat\n";

  it("reads features and a named label column; string labels become sorted classes", () => {
    const d = parseCsv(text, "pets.csv", { label: "species" });
    expect(d.task).toBe("classification");
    expect(d.n).toBe(3);
    expect(d.sampleShape).toEqual([2]);
    expect(Array.from(d.x)).toEqual([1, 2, 3, 4.5, 5, -6]);
    expect(d.task === "classification" && d.classes).toEqual(["cat", "dog"]);
    expect(Array.from(d.y)).toEqual([0, 1, 0]);
  });

  it("takes the label column by index, from anywhere in the row, and integer labels as indices", () => {
    const d = parseCsv("2,0.5,9\n0,1.5,8\n", "t.csv", { label: 0, header: false });
    expect(Array.from(d.x)).toEqual([0.5, 9, 1.5, 8]);
    expect(Array.from(d.y)).toEqual([2, 0]);
    expect(d.task === "classification" && d.classes).toEqual(["0", "1", "2"]);
  });

  it("reads regression targets", () => {
    const d = parseCsv('"x","price"\r\n1,100.5\r\n2,200\r\n', "h.csv", { label: "price", task: "regression" });
    expect(d.task).toBe("regression");
    expect(Array.from(d.y)).toEqual([100.5, 200]);
  });

  it("names file, line and column of a non-numeric, missing or non-finite value", () => {
    expect(() => parseCsv("a,b,y\n1,2,0\n1,x,1\n", "bad.csv", { label: "y" })).toThrow(DataError);
    expect(() => parseCsv("a,b,y\n1,2,0\n1,x,1\n", "bad.csv", { label: "y" })).toThrow('bad.csv: line 3, column "b" (index 1): "x" is not a number');
    expect(() => parseCsv("a,b,y\n1,,0\n", "gap.csv", { label: "y" })).toThrow('gap.csv: line 2, column "b" (index 1): missing value');
    expect(() => parseCsv("a,b,y\n1,NaN,0\n", "nan.csv", { label: "y" })).toThrow('nan.csv: line 2, column "b" (index 1): "NaN" is not a finite number');
    expect(() => parseCsv("1,inf,0\n", "inf.csv", { label: 2, header: false })).toThrow('inf.csv: line 1, column 1: "inf" is not a finite number');
    expect(() => parseCsv("a,y\n1,\n", "nolabel.csv", { label: "y" })).toThrow('nolabel.csv: line 2, column "y" (index 1): missing label');
    expect(() => parseCsv("a,y\n1,1\n2,x\n", "r.csv", { label: "y", task: "regression" })).toThrow('r.csv: line 3, column "y" (index 1): "x" is not a number');
  });

  it("names the line of a row with the wrong number of fields", () => {
    expect(() => parseCsv("a,b,y\n1,2,0\n1,2\n", "short.csv", { label: "y" })).toThrow("short.csv: line 3 has 2 fields; expected 3");
  });

  it("rejects an unknown label column, suggesting the closest name", () => {
    expect(() => parseCsv(text, "pets.csv", { label: "specis" })).toThrow(ConfigError);
    expect(() => parseCsv(text, "pets.csv", { label: "specis" })).toThrow('pets.csv: no label column "specis" (did you mean "species"?); columns: a, b, species');
    expect(() => parseCsv(text, "pets.csv", { label: 3 })).toThrow("label column index 3 is out of range; the file has 3 columns (0 … 2)");
    expect(() => parseCsv("1,2\n", "n.csv", { label: "y", header: false })).toThrow(/given by name, but the file has no header/);
  });
});

describe("parseSklearnCsv", () => {
  it("reads scikit-learn's layout: counts and class names on line 1, label last", () => {
    const d = parseSklearnCsv("2,3,no,yes\n1,2,3,1\n4,5,6,0\n", "s.csv", "s");
    expect(d.sampleShape).toEqual([3]);
    expect(d.classes).toEqual(["no", "yes"]);
    expect(Array.from(d.y)).toEqual([1, 0]);
  });

  it("checks the counts and labels against line 1", () => {
    expect(() => parseSklearnCsv("3,3,no,yes\n1,2,3,1\n", "s.csv", "s")).toThrow("s.csv: line 1 announces 3 samples; the file has 1 data rows");
    expect(() => parseSklearnCsv("1,3,no,yes\n1,2,3,2\n", "s.csv", "s")).toThrow("s.csv: line 2, column 3 (label): 2 is not a class index 0 … 1");
    expect(() => parseSklearnCsv("a,b,c\n1,2,3\n", "s.csv", "s")).toThrow(/line 1 should be "n_samples,n_features,class names…"/);
  });
});

describe("parseNumberTable", () => {
  it("splits on runs of whitespace", () => {
    expect(parseNumberTable("1  2\t3\n4 5 6\n", "w.txt", "whitespace")).toEqual({ rows: 2, columns: 3, values: Float32Array.from([1, 2, 3, 4, 5, 6]) });
  });
});
