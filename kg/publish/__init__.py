"""The publish stage: linked facts → RDF. ``iris`` mints IRIs, ``rdf`` maps facts to the standard vocabularies,
``block`` renders one article's block, ``writers`` holds one module per format, ``store`` the Oxigraph store and
``query`` SPARQL over files and stores."""
