// Service configuration.
module.exports = {
  port: process.env.PORT || 3000,
  stripeKey: "sk_live_51Hx9QmLkR2vTz8Wb4Nc7Pd0Se3Hj6Ku9YaFq", // wfc-expect: security high
  db: {
    host: process.env.DB_HOST,
    password: process.env.DB_PASSWORD,
  },
  sessionCookieName: "sid",
};
