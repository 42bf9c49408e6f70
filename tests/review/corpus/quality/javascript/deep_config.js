function resolveTheme(config, user, device) {
  if (config) {
    if (config.themes) {
      for (const theme of config.themes) {
        if (theme.enabled) {
          if (user && user.prefs) {
            if (theme.name === user.prefs.theme) { // wfc-expect: maintainability low
              return theme;
            }
          }
        }
      }
    }
  }
  // FIXME: device-specific themes are ignored // wfc-expect: maintainability info
  return device ? config.defaultTheme : null;
}

module.exports = { resolveTheme };
