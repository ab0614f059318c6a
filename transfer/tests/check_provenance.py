#!/usr/bin/python3
"""Parses a package's CASE/UCO JSON-LD with rdflib and checks it against the BagIt manifests.

Usage: check_provenance.py PROVENANCE.jsonld BAG_DIR EXPECTED_ACTIONS
Exits 0 when the graph parses, holds EXPECTED_ACTIONS investigative actions, and every payload
file of manifest-sha256.txt / manifest-sha512.txt is an observable:File with the same hashes.
"""
import sys

import rdflib

CASE_INV = rdflib.Namespace("https://ontology.caseontology.org/case/investigation/")
CORE = rdflib.Namespace("https://ontology.unifiedcyberontology.org/uco/core/")
OBS = rdflib.Namespace("https://ontology.unifiedcyberontology.org/uco/observable/")
TYPES = rdflib.Namespace("https://ontology.unifiedcyberontology.org/uco/types/")
ACTION = rdflib.Namespace("https://ontology.unifiedcyberontology.org/uco/action/")


def manifest(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            digest, name = line.rstrip("\n").split("  ", 1)
            out[name] = digest
    return out


def main():
    prov, bag, expected_actions = sys.argv[1], sys.argv[2], int(sys.argv[3])
    g = rdflib.Graph()
    g.parse(prov, format="json-ld")
    actions = list(g.subjects(rdflib.RDF.type, CASE_INV.InvestigativeAction))
    if len(actions) != expected_actions:
        sys.exit(f"expected {expected_actions} investigative actions, found {len(actions)}")
    for a in actions:
        if g.value(a, ACTION.startTime) is None or g.value(a, ACTION.performer) is None:
            sys.exit("an action lacks startTime or performer")
    # file path -> {method: value} from the graph
    files = {}
    for f in g.subjects(rdflib.RDF.type, OBS.File):
        path, hashes = None, {}
        for facet in g.objects(f, CORE.hasFacet):
            p = g.value(facet, OBS.filePath)
            if p is not None:
                path = str(p)
            for h in g.objects(facet, OBS.hash):
                hashes[str(g.value(h, TYPES.hashMethod))] = str(g.value(h, TYPES.hashValue))
        if path:
            files[path] = hashes
    for method, name in (("SHA256", "manifest-sha256.txt"), ("SHA512", "manifest-sha512.txt")):
        for path, digest in manifest(f"{bag}/{name}").items():
            got = files.get("bag/" + path, {}).get(method)
            if got != digest:
                sys.exit(f"{method} of {path} differs from the manifest")
    print(f"provenance ok: {len(actions)} actions, {len(files)} payload files")


if __name__ == "__main__":
    main()
