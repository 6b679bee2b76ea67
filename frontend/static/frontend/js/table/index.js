// The attribute table of the map page (see table.js).
import { AttributeTable } from './table.js';

export function setupAttributeTable(map, catalogue, area) {
  return new AttributeTable(map, catalogue, { area });
}
