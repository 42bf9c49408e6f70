// The API documentation page (/docs): Swagger UI, shipped with aiohttp-apigami, on our spec.
/* global SwaggerUIBundle */
(() => {
  const root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.dataset.spec,
    domNode: root,
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    defaultModelsExpandDepth: 0,
  });
})();
