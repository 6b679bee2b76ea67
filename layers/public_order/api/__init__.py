"""HTTP views of the public-order app: thin, one service or selector each."""
