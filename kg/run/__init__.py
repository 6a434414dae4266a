"""Scheduling the stages: ``build`` (extract → link → publish on a local ordered parallel map, outputs, ``--into``)
and ``extract`` (the extract stage alone, to a facts file). Other engines come here."""
