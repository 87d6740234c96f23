"""pytest runs each notebook here with nbmake (``--nbmake`` in pyproject.toml).

The build script and the notebook sources are not test modules: importing a
source would run the whole notebook at collection time.
"""

collect_ignore_glob = ["build.py", "src/*"]
