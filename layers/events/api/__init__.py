"""HTTP views of mass events (thin: parse with inputs, call one service or selector, shape with outputs)."""
