// jest only: stylesheets have no meaning in jsdom.
module.exports = {};
