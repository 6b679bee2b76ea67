// Mounts the "Риск от бедствия" panel for the roles that have the risk tool.
import { RiskPanel } from './panel.js';

export function setupRisk(map, { section, toggleButton, onOpen }) {
  const panel = section ? new RiskPanel(map, { section, toggleButton, onOpen }) : null;
  return { panel };
}
