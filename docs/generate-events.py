#!/usr/bin/env python3
"""Regenerates the generated parts of docs/events.md from the event contracts.

Sources:
  schemas/src/main/java/dev/tenantwave/events/Topics.java   every topic: name, value record, key, cleanup, partitions,
                                                             retention (.withRetention(Duration.ofDays(n)) and the like)
  schemas/src/main/avro/**/*.avsc                            every record and enum, with every field's type, default, doc

docs/events.md is partly hand-written. The script replaces only what lies between
    <!-- BEGIN GENERATED: <block> -->   and   <!-- END GENERATED: <block> -->
for the blocks "topics" (the topic table) and "records" (one table per record, one list per enum), and leaves
everything else as it is. Producers and consumers are not in the code's topic registry; they are kept in ROLES
below, and the script stops with a message when a topic has no entry there.

Usage (python3, standard library only, from any directory):
    python3 docs/generate-events.py           rewrite docs/events.md
    python3 docs/generate-events.py --check   exit 1 when docs/events.md is not up to date (for CI)
"""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOPICS_JAVA = ROOT / "schemas/src/main/java/dev/tenantwave/events/Topics.java"
AVRO_DIR = ROOT / "schemas/src/main/avro"
EVENTS_MD = ROOT / "docs/events.md"
NAMESPACE = "dev.tenantwave.events"

ORCHESTRATOR = "rollout-orchestrator"

# Who writes and who reads each topic: (producer, consumers). Keep in step with docs/architecture.md.
ROLES = {
    "tenant.catalog.v1": (
        "catalog-service (outbox relay, Kafka transactions)",
        "migration-worker (through catalog-view); " + ORCHESTRATOR + "; any service that embeds catalog-view",
    ),
    "rollout.promotions.v1": (ORCHESTRATOR, "none in this repository yet (consoles, audit)"),
    "migration.commands.v1": (ORCHESTRATOR, "migration-worker (group `migration-worker`)"),
    "migration.progress.v1": ("migration-worker", ORCHESTRATOR),
    "tenant.metrics.v1": ("application services (per tenant, per instance, per interval)", "gate-evaluator (Streams app `tw-gate-evaluator`)"),
    "gate.verdicts.v1": ("gate-evaluator", ORCHESTRATOR),
    "gate.windows.v1": ("gate-evaluator (judged tenants only)", ORCHESTRATOR + " (web console)"),
    "release.tenant-state.v1": (ORCHESTRATOR, "gate-evaluator; routers; other teams"),
    "release.status.v1": (ORCHESTRATOR, "consoles; other teams"),
}


def fail(message):
    sys.exit("generate-events.py: " + message)


# --- topics -----------------------------------------------------------------------------------------------------

def read_topics():
    source = TOPICS_JAVA.read_text(encoding="utf-8")
    constants = {name: int(value) for name, value in re.findall(r"int\s+(\w+)\s*=\s*(\d+)\s*;", source)}
    names = dict(re.findall(r'String\s+(\w+)\s*=\s*"([^"]+)"\s*;', source))
    pattern = re.compile(
        r'new\s+Topic<>\(\s*(?:"([^"]+)"|(\w+))\s*,\s*(\w+)\.class\s*,\s*"(\w+)"\s*,\s*CleanupPolicy\.(\w+)\s*,\s*(\w+)\s*\)'
        r'(?:\s*\.withRetention\(\s*Duration\.of(Days|Hours|Minutes)\(\s*(\d+)\s*\)\s*\))?')
    topics = []
    for literal, constant, value, key, cleanup, partitions, unit, amount in pattern.findall(source):
        name = literal or names.get(constant)
        if name is None:
            fail("cannot resolve the topic name '%s' in %s" % (constant, TOPICS_JAVA))
        if partitions.isdigit():
            count = int(partitions)
        elif partitions in constants:
            count = constants[partitions]
        else:
            fail("cannot resolve the partitions '%s' of %s in %s" % (partitions, name, TOPICS_JAVA))
        cleanup = cleanup.lower()
        if unit:
            cleanup += ", retention %s %s" % (amount, unit.lower()[:-1] + ("" if amount == "1" else "s"))
        topics.append({"name": name, "value": value, "key": key, "cleanup": cleanup, "partitions": count})
    if not topics:
        fail("no topics found in " + str(TOPICS_JAVA))
    missing = [t["name"] for t in topics if t["name"] not in ROLES]
    if missing:
        fail("no producer/consumers for %s: add them to ROLES in %s" % (", ".join(missing), Path(__file__).name))
    return topics


# --- schemas ----------------------------------------------------------------------------------------------------

def full_name(name, namespace):
    return name if "." in name else (namespace + "." + name if namespace else name)


def short(name):
    return name.rsplit(".", 1)[-1]


def anchor(name):
    return short(name).lower()


class Schemas:
    """Every named type (record, enum, fixed) of the .avsc files, with the file and type that defines it."""

    def __init__(self):
        self.types = {}      # full name -> schema dict
        self.files = {}      # full name -> path relative to the repository
        self.children = {}   # full name -> named types defined inline in it, in order
        for path in sorted(AVRO_DIR.rglob("*.avsc")):
            schema = json.loads(path.read_text(encoding="utf-8"))
            self._collect(schema, schema.get("namespace", ""), path.relative_to(ROOT).as_posix(), None)

    def _collect(self, schema, namespace, file, parent):
        if isinstance(schema, list):
            for branch in schema:
                self._collect(branch, namespace, file, parent)
            return
        if not isinstance(schema, dict):
            return
        kind = schema.get("type")
        if kind in ("record", "enum", "fixed", "error"):
            namespace = schema.get("namespace", namespace)
            name = full_name(schema["name"], namespace)
            if name in self.types:
                fail("type %s is defined twice (%s and %s)" % (name, self.files[name], file))
            self.types[name] = schema
            self.files[name] = file
            self.children[name] = []
            if parent is not None:
                self.children[parent].append(name)
            for field in schema.get("fields", []):
                self._collect(field["type"], namespace, file, name)
        elif kind == "array":
            self._collect(schema["items"], namespace, file, parent)
        elif kind == "map":
            self._collect(schema["values"], namespace, file, parent)
        elif isinstance(kind, (dict, list)):
            self._collect(kind, namespace, file, parent)

    def resolve(self, name):
        for candidate in (name, full_name(name, NAMESPACE)):
            if candidate in self.types:
                return candidate
        fail("unknown type " + name)


def escape(text):
    return (text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")
            .replace("[", "\\[").replace("]", "\\]"))


def render_type(schema, schemas):
    if isinstance(schema, list):
        return " \\| ".join(render_type(branch, schemas) for branch in schema)
    if isinstance(schema, str):
        if schema in ("null", "boolean", "int", "long", "float", "double", "bytes", "string"):
            return "`%s`" % schema
        name = schemas.resolve(schema)
        return "[`%s`](#%s)" % (short(name), anchor(name))
    kind = schema.get("type")
    if kind in ("record", "enum", "fixed", "error"):
        name = schemas.resolve(full_name(schema["name"], schema.get("namespace", NAMESPACE)))
        return "[`%s`](#%s)" % (short(name), anchor(name))
    if kind == "array":
        return "array of " + render_type(schema["items"], schemas)
    if kind == "map":
        return "map of string to " + render_type(schema["values"], schemas)
    rendered = render_type(kind, schemas)
    if "logicalType" in schema:
        rendered += " (%s)" % schema["logicalType"]
    return rendered


def render_default(field):
    if "default" not in field:
        return "required"
    return "`%s`" % json.dumps(field["default"], ensure_ascii=False)


def render_record(name, schemas, level, used_by):
    schema = schemas.types[name]
    lines = ["%s %s" % ("#" * level, short(name)), ""]
    lines.append(escape(schema.get("doc", "(no doc)")))
    lines.append("")
    fact = "Record `%s`, defined in [`%s`](../%s)" % (name, schemas.files[name], schemas.files[name])
    if used_by:
        fact += "; the value of " + ", ".join("`%s`" % t for t in used_by)
    lines.append(fact + ".")
    lines.append("")
    lines.append("| field | type | default | doc |")
    lines.append("|---|---|---|---|")
    for field in schema["fields"]:
        lines.append("| `%s` | %s | %s | %s |" % (field["name"], render_type(field["type"], schemas),
                                                 render_default(field), escape(field.get("doc", ""))))
    lines.append("")
    return lines


def render_enum(name, schemas, level):
    schema = schemas.types[name]
    lines = ["%s %s" % ("#" * level, short(name)), ""]
    lines.append(escape(schema.get("doc", "(no doc)")))
    lines.append("")
    default = schema.get("default")
    lines.append("Enum `%s`, defined in [`%s`](../%s); default symbol %s (what a reader sees for a symbol it does "
                 "not know)." % (name, schemas.files[name], schemas.files[name],
                                 "`%s`" % default if default else "none"))
    lines.append("")
    lines.append("Symbols: " + ", ".join("`%s`" % s for s in schema["symbols"]) + ".")
    lines.append("")
    return lines


def render_type_tree(name, schemas, level, used_by, done):
    if name in done:
        return []
    done.add(name)
    schema = schemas.types[name]
    if schema["type"] == "enum":
        lines = render_enum(name, schemas, level)
    elif schema["type"] in ("record", "error"):
        lines = render_record(name, schemas, level, used_by)
    else:
        lines = ["%s %s" % ("#" * level, short(name)), "", "Fixed `%s` of %d bytes." % (name, schema["size"]), ""]
    for child in schemas.children[name]:
        lines += render_type_tree(child, schemas, level + 1, [], done)
    return lines


def render_records(topics, schemas):
    lines = []
    done = set()
    by_value = {}
    for topic in topics:
        by_value.setdefault(schemas.resolve(topic["value"]), []).append(topic["name"])
    for value, used_by in by_value.items():
        lines += render_type_tree(value, schemas, 3, used_by, done)
    shared = [name for name in schemas.types if name not in done]
    if shared:
        lines += ["### Shared types", "",
                  "Named types defined in files of their own and referenced by name from the records above.", ""]
        for name in sorted(shared, key=lambda n: (schemas.files[n], n)):
            lines += render_type_tree(name, schemas, 4, [], done)
    return lines


def render_topics(topics, schemas):
    lines = ["| topic | key | value | cleanup | partitions | producer | consumers |",
             "|---|---|---|---|---|---|---|"]
    for topic in topics:
        value = schemas.resolve(topic["value"])
        producer, consumers = ROLES[topic["name"]]
        lines.append("| `%s` | %s | [`%s`](#%s) | %s | %d | %s | %s |" % (
            topic["name"], topic["key"], short(value), anchor(value), topic["cleanup"], topic["partitions"],
            producer, consumers))
    lines.append("")
    lines.append("Every topic also has a dead-letter topic `<topic>.dlq` (1 partition, cleanup delete).")
    return lines


# --- docs/events.md ---------------------------------------------------------------------------------------------

def replace_block(text, block, lines):
    begin = "<!-- BEGIN GENERATED: %s -->" % block
    end = "<!-- END GENERATED: %s -->" % block
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.DOTALL)
    if len(pattern.findall(text)) != 1:
        fail("%s must contain exactly one '%s' ... '%s' block" % (EVENTS_MD, begin, end))
    body = begin + "\n<!-- Generated by docs/generate-events.py; edit the .avsc files or Topics.java, not this. -->\n\n"
    body += "\n".join(lines).rstrip("\n") + "\n\n" + end
    return pattern.sub(lambda _: body, text)


def main(argv):
    check = "--check" in argv[1:]
    unknown = [a for a in argv[1:] if a != "--check"]
    if unknown:
        fail("unknown arguments %s; usage: generate-events.py [--check]" % unknown)
    topics = read_topics()
    schemas = Schemas()
    for topic in topics:
        schemas.resolve(topic["value"])
    current = EVENTS_MD.read_text(encoding="utf-8")
    updated = replace_block(current, "topics", render_topics(topics, schemas))
    updated = replace_block(updated, "records", render_records(topics, schemas))
    for topic in topics:
        if "### `%s`" % topic["name"] not in updated:
            print("generate-events.py: warning: docs/events.md has no notes section '### `%s`'" % topic["name"],
                  file=sys.stderr)
    if check:
        if updated != current:
            print("docs/events.md is out of date: run python3 docs/generate-events.py", file=sys.stderr)
            return 1
        print("docs/events.md is up to date")
        return 0
    if updated != current:
        EVENTS_MD.write_text(updated, encoding="utf-8")
        print("docs/events.md regenerated")
    else:
        print("docs/events.md already up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
