#!/usr/bin/env python3
"""Writes the Elasticsearch and OpenSearch index templates for Vigil's events from the
ECS field list (Tests/ECS/fields.tsv, or FIELDS_TSV).

Run it after adding an ECS field to ECSEvent (Sources/VigilCore/ECS): the ECS test fails
while a field Vigil writes is missing from the templates or mapped with another type.
Usage: packaging/search/make-templates.py
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FIELDS_TSV = os.environ.get("FIELDS_TSV", os.path.join(HERE, "..", "..", "Tests", "ECS", "fields.tsv"))

# Every ECS field an ECSEvent can carry (ECSEvent.render and its groups).
FIELDS = """
@timestamp ecs.version message tags labels
event.id event.created event.kind event.category event.type event.action event.outcome event.module event.dataset event.reason event.duration
host.name host.hostname host.id host.architecture host.os.type host.os.kernel host.os.name host.os.version host.os.family
agent.name agent.type agent.version agent.id agent.ephemeral_id
file.path file.name file.directory file.extension file.type file.size file.hash.sha256 file.mime_type
process.pid process.executable process.name process.thread.id process.parent.pid process.parent.executable process.parent.name
process.user.id process.user.name process.group.id
rule.name rule.id rule.ruleset rule.category rule.reference rule.description rule.version
log.level error.message
""".split()

# Text fields that ECS gives a `.text` multi-field for full-text search.
TEXT_MULTI = {"file.path", "file.directory", "process.executable", "process.parent.executable", "process.name", "process.parent.name", "host.os.name"}

# OpenSearch has no match_only_text, constant_keyword or wildcard (before 2.15) and calls
# flattened flat_object.
OPENSEARCH = {"match_only_text": "text", "constant_keyword": "keyword", "wildcard": "keyword", "flattened": "flat_object"}

INDEX = "vigil-events"


def ecs_types():
    types = {}
    with open(FIELDS_TSV) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            name, typ, _ = line.rstrip("\n").split("\t")
            types[name] = typ
    return types


def mapping(flavour, types):
    props = {}
    for name in FIELDS:
        typ = types[name]
        if flavour == "opensearch":
            typ = OPENSEARCH.get(typ, typ)
        m = {"type": typ}
        if typ == "keyword":
            m["ignore_above"] = 1024
        if name in TEXT_MULTI:
            m["fields"] = {"text": {"type": "match_only_text" if flavour == "elasticsearch" else "text"}}
        node = props
        parts = name.split(".")
        for p in parts[:-1]:
            node = node.setdefault(p, {"properties": {}})["properties"]
        node[parts[-1]] = m
    return {
        "dynamic": True,
        "date_detection": False,
        "dynamic_templates": [
            # Vigil's own fields: strings are keywords (exact search, aggregations); the
            # few long texts (messages, reasons) stay searchable through ECS fields.
            {"vigil_strings": {"path_match": "vigil.*", "match_mapping_type": "string",
                               "mapping": {"type": "keyword", "ignore_above": 4096}}},
            {"strings_as_keyword": {"match_mapping_type": "string", "mapping": {"type": "keyword", "ignore_above": 1024}}},
        ],
        "properties": props,
    }


def template(flavour, types):
    settings = {"index": {"number_of_shards": 1, "codec": "best_compression"}}
    if flavour == "elasticsearch":
        settings["index"]["lifecycle"] = {"name": INDEX}
    return {
        "index_patterns": [INDEX + "*"],
        "data_stream": {},
        "priority": 200,
        "_meta": {"description": "Vigil events (ECS), one document per event, _id = event.id", "managed_by": "vigil"},
        "template": {"settings": settings, "mappings": mapping(flavour, types)},
    }


ILM = {
    "policy": {
        "_meta": {"description": "Vigil events: roll over daily or at 50 GB a shard, delete after 90 days", "managed_by": "vigil"},
        "phases": {
            "hot": {"min_age": "0ms", "actions": {"rollover": {"max_age": "1d", "max_primary_shard_size": "50gb"}}},
            "warm": {"min_age": "7d", "actions": {"forcemerge": {"max_num_segments": 1}, "readonly": {}}},
            "delete": {"min_age": "90d", "actions": {"delete": {}}},
        },
    }
}

ISM = {
    "policy": {
        "description": "Vigil events: roll over daily or at 50 GB a shard, delete after 90 days",
        "default_state": "hot",
        "states": [
            {"name": "hot", "actions": [{"rollover": {"min_index_age": "1d", "min_primary_shard_size": "50gb"}}],
             "transitions": [{"state_name": "warm", "conditions": {"min_index_age": "7d"}}]},
            {"name": "warm", "actions": [{"force_merge": {"max_num_segments": 1}}, {"read_only": {}}],
             "transitions": [{"state_name": "delete", "conditions": {"min_index_age": "90d"}}]},
            {"name": "delete", "actions": [{"delete": {}}], "transitions": []},
        ],
        # Backing indices of the data stream are .ds-vigil-events-NNNNNN.
        "ism_template": [{"index_patterns": [".ds-" + INDEX + "*", INDEX + "*"], "priority": 100}],
    }
}


def main():
    types = ecs_types()
    missing = [f for f in FIELDS if f not in types]
    if missing:
        print("not ECS fields:", missing, file=sys.stderr)
        return 1
    out = {
        "elasticsearch-index-template.json": template("elasticsearch", types),
        "elasticsearch-ilm-policy.json": ILM,
        "opensearch-index-template.json": template("opensearch", types),
        "opensearch-ism-policy.json": ISM,
    }
    for name, obj in out.items():
        with open(os.path.join(HERE, name), "w") as f:
            json.dump(obj, f, indent=2, sort_keys=False)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
