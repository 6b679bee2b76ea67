// The portal page for a visitor who is not an organizer has no script of its own; this marks
// it ready (the browser tests wait for it) without an inline script, which the CSP forbids.
document.body.dataset.ready = 'true';
