"""Named test geometries around Sofia, in GeoJSON (lon, lat)."""

# A 0.01° square by the National Palace of Culture (НДК), inside Sofia.
NDK_SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[23.315, 42.680], [23.325, 42.680], [23.325, 42.690], [23.315, 42.690], [23.315, 42.680]]
    ],
}
# The same square drawn as a bow tie: its edges cross at (23.32, 42.685).
NDK_BOWTIE = {
    "type": "Polygon",
    "coordinates": [
        [[23.315, 42.680], [23.325, 42.690], [23.325, 42.680], [23.315, 42.690], [23.315, 42.680]]
    ],
}
# The square with its closing vertex left out.
NDK_UNCLOSED = {
    "type": "Polygon",
    "coordinates": [
        [[23.315, 42.680], [23.325, 42.680], [23.325, 42.690], [23.315, 42.690], [23.316, 42.681]]
    ],
}
# Plovdiv, about 130 km south-east: outside the municipality and its 5 km margin.
PLOVDIV_SQUARE = {
    "type": "Polygon",
    "coordinates": [[[24.74, 42.14], [24.76, 42.14], [24.76, 42.16], [24.74, 42.16], [24.74, 42.14]]],
}
# Sofia's centre (Largo), a point.
LARGO = {"type": "Point", "coordinates": [23.3219, 42.6977]}
