"""Running checks: files and globs, the child-process pool, spooling, baselines, the run plan."""
