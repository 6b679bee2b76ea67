// Mounts the surveillance tools for the roles that have them: the panel and the
// right-click "who sees this point?" question.
import { SurveillancePanel } from './panel.js';
import { setupWhoSees } from './who-sees.js';

export function setupSurveillance(map, { section, toggleButton, onOpen }) {
  const panel = section ? new SurveillancePanel(map, { section, toggleButton, onOpen }) : null;
  const whoSees = setupWhoSees(map, { includePlanned: () => Boolean(panel?.planned?.checked) });
  return { panel, whoSees };
}
