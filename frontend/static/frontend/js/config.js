// The page's configuration, rendered by Django into <script id="app-config" type="application/json">.
const element = document.getElementById('app-config');

/** @type {{language: string, user: object, tools: string[], baseMap: object, view: object, urls: object, csrfToken: string}} */
export const config = element ? JSON.parse(element.textContent) : { tools: [], user: {}, urls: {}, view: {}, baseMap: {} };

export function hasTool(name) {
  return config.tools.includes(name);
}

/** The details page of one feature. */
export function featureDetailsUrl(slug, id) {
  return config.urls.featureDetails.replace('__slug__', encodeURIComponent(slug)).replace(/0\/$/, `${id}/`);
}
