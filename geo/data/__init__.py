"""Where facts come from and are kept: upstream sources, codes, boundaries, the store, users, audit."""
