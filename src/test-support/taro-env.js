// jest only: Taro's h5 build defines process.env.TARO_ENV as 'h5' for every module, NutUI's
// included (its icons pick the DOM's WebkitMask over the mini-program's '-webkitMask' by it). The
// web project runs that build, so it starts as h5 too; a test of another platform sets its own.
process.env.TARO_ENV = process.env.TARO_ENV || 'h5';
