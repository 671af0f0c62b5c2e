"""PolicyKG: privacy policies in, a DPV-aligned knowledge graph of personal-data flows out.

The stages, each a module with one public entry point:
ingest → segment → extract → build → store → query / viz.
"""

__version__ = "1.0.0"
