// ESLint (flat config, an ES module) for the front end's own modules (frontend/static/frontend/js); vendored
// libraries are copied elsewhere and not linted. `make lint` and pre-commit run it offline from
// node_modules. The rules are ESLint's "recommended" set written out (the @eslint/js package is
// not a dependency); rules that would need sweeping changes are off, each with its reason.

const browser = [
  'window', 'document', 'navigator', 'location', 'history', 'console', 'fetch', 'Request', 'Response',
  'Headers', 'URL', 'URLSearchParams', 'FormData', 'Blob', 'File', 'FileReader', 'setTimeout', 'clearTimeout',
  'setInterval', 'clearInterval', 'requestAnimationFrame', 'cancelAnimationFrame', 'localStorage',
  'sessionStorage', 'AbortController', 'AbortSignal', 'Event', 'CustomEvent', 'EventSource', 'EventTarget',
  'HTMLElement', 'HTMLInputElement', 'HTMLSelectElement', 'HTMLCanvasElement', 'Element', 'Node', 'NodeFilter',
  'DocumentFragment', 'DOMParser', 'XMLSerializer', 'MutationObserver', 'ResizeObserver',
  'IntersectionObserver', 'getComputedStyle', 'matchMedia', 'Image', 'atob', 'btoa', 'crypto', 'performance',
  'structuredClone', 'queueMicrotask', 'TextEncoder', 'TextDecoder', 'alert', 'confirm', 'prompt', 'print',
  'CSS', 'KeyboardEvent', 'MouseEvent', 'PointerEvent', 'WebSocket', 'Worker', 'indexedDB', 'caches',
  'screen', 'devicePixelRatio', 'innerWidth', 'innerHeight', 'open', 'close', 'scrollTo', 'addEventListener',
  'removeEventListener', 'dispatchEvent', 'Intl', 'ClipboardItem', 'DataTransfer', 'ImageData', 'Path2D',
  'OffscreenCanvas', 'createImageBitmap', 'SVGElement', 'ShadowRoot', 'customElements', 'HTMLDialogElement',
];
// Libraries loaded as classic scripts before the modules (frontend/templates): Leaflet and its
// plugins, MapLibre, proj4, html-to-image, GeographicLib (`geodesic`).
const libraries = ['L', 'maplibregl', 'proj4', 'htmlToImage', 'geodesic'];

export default [
  {
    files: ['frontend/static/frontend/js/**/*.js'],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: Object.fromEntries([...browser, ...libraries].map((name) => [name, 'readonly'])),
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'constructor-super': 'error',
      'for-direction': 'error',
      'getter-return': 'error',
      'no-async-promise-executor': 'error',
      'no-case-declarations': 'error',
      'no-class-assign': 'error',
      'no-compare-neg-zero': 'error',
      'no-cond-assign': 'error',
      'no-const-assign': 'error',
      'no-constant-binary-expression': 'error',
      'no-control-regex': 'error',
      'no-debugger': 'error',
      'no-delete-var': 'error',
      'no-dupe-args': 'error',
      'no-dupe-class-members': 'error',
      'no-dupe-else-if': 'error',
      'no-dupe-keys': 'error',
      'no-duplicate-case': 'error',
      'no-empty-character-class': 'error',
      'no-empty-pattern': 'error',
      'no-ex-assign': 'error',
      'no-fallthrough': 'error',
      'no-func-assign': 'error',
      'no-global-assign': 'error',
      'no-import-assign': 'error',
      'no-invalid-regexp': 'error',
      'no-irregular-whitespace': 'error',
      'no-loss-of-precision': 'error',
      'no-misleading-character-class': 'error',
      'no-new-native-nonconstructor': 'error',
      'no-obj-calls': 'error',
      'no-octal': 'error',
      'no-redeclare': 'error',
      'no-regex-spaces': 'error',
      'no-self-assign': 'error',
      'no-setter-return': 'error',
      'no-shadow-restricted-names': 'error',
      'no-sparse-arrays': 'error',
      'no-this-before-super': 'error',
      'no-undef': 'error',
      'no-unexpected-multiline': 'error',
      'no-unreachable': 'error',
      'no-unsafe-finally': 'error',
      'no-unsafe-negation': 'error',
      'no-unsafe-optional-chaining': 'error',
      'no-unused-labels': 'error',
      'no-unused-vars': ['error', { args: 'none', caughtErrors: 'none', varsIgnorePattern: '^_' }],
      'no-useless-backreference': 'error',
      'no-useless-catch': 'error',
      'no-with': 'error',
      'require-yield': 'error',
      'use-isnan': 'error',
      'valid-typeof': 'error',
      // Off: `catch {}` that deliberately ignores a failure (storage full, optional features) is
      // used on purpose across the modules; each such block would need a comment first.
      'no-empty': 'off',
      // Off: regular expressions escape characters that need no escape in many modules; harmless.
      'no-useless-escape': 'off',
      // Off: `obj.hasOwnProperty` on plain JSON objects from our own API.
      'no-prototype-builtins': 'off',
    },
  },
];
