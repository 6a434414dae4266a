"""N-Quads (``.nq``): read (``kg query``, ``kg load``), never written by kg."""

from __future__ import annotations

import pyoxigraph as ox

from kg.publish.writers.registry import Format, register

FORMAT = register(Format("nquads", (".nq",), "application/n-quads", ox.RdfFormat.N_QUADS, written=False))
