const { buildReport } = require('./reports');

function register(app) {
  app.get('/reports/:id', (req, res) => {
    buildReport(req.params.id).then((report) => {
      res.json(report);
    });
  });
}

module.exports = { register };
