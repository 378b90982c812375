/* Starts Swagger UI on /api/v1/docs/ (templates/api/swagger.html).
   A static file, not an inline script: the Content-Security-Policy allows
   scripts from this site only. The schema address and the Swagger UI
   settings come from data- attributes of #swagger-ui. */
(function () {
  "use strict";
  var node = document.getElementById("swagger-ui");
  if (!node || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  var settings = {};
  try {
    settings = JSON.parse(node.getAttribute("data-settings") || "{}");
  } catch (error) {
    settings = {};
  }
  var config = Object.assign({}, settings, {
    url: node.getAttribute("data-schema-url"),
    domNode: node,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout"
  });
  window.ui = window.SwaggerUIBundle(config);
})();
