import { expect } from "chai";
import { templatePlaceholder } from "../../tools/lib/fake-aws/template-placeholders";

describe("template placeholders: a block's structure is no placeholder to fill", () => {
  it("names a whole {{ }} expression as a template placeholder", () => {
    for (const value of [
      "{{ .Values.region }}",
      "{{region}}",
      "{{> regionPartial}}",
      "{{ endpoint }}",
      "{{ ifRegion }}",
      // A name that starts with a control word and goes on after a hyphen is a name.
      "{{ end-date }}",
      "{{ if-enabled }}",
      "{{ else-value }}",
      "{{range-start}}",
    ]) {
      expect(templatePlaceholder(value), value).to.equal(
        "a template expression ({{ ... }}) of Helm, Jinja or Mustache",
      );
    }
  });

  it("does not count Handlebars block helpers and Mustache sections as placeholders", () => {
    for (const value of [
      "{{#each regions}}",
      "{{/each}}",
      "{{#if prod}}",
      "{{/if}}",
      "{{else}}",
      "{{^items}}",
      "{{! a comment }}",
      "{{=<% %>=}}",
      "{{~#if prod~}}",
    ]) {
      expect(templatePlaceholder(value), value).to.equal(undefined);
    }
  });

  it("does not count Go template control actions (Helm charts) as placeholders", () => {
    for (const value of [
      "{{ if .Values.prod }}",
      "{{- end }}",
      "{{ else }}",
      "{{ range .Values.regions }}",
      "{{- with .Values.aws -}}",
      '{{ define "x" }}',
      // Trimming markers next to the word: still the action.
      "{{ end -}}",
      "{{- else -}}",
    ]) {
      expect(templatePlaceholder(value), value).to.equal(undefined);
    }
  });
});
