var UserDAO = require("../data/user-dao").UserDAO;
var AllocationsDAO = require("../data/allocations-dao").AllocationsDAO;

/* The SessionHandler must be constructed with a connected db */
function SessionHandler(db) {
    "use strict";

    var userDAO = new UserDAO(db);
    var allocationsDAO = new AllocationsDAO(db);

    var prepareUserData = function(user, next) {
        // Generate random allocations
        var stocks = Math.floor((Math.random() * 40) + 1);
        var funds = Math.floor((Math.random() * 40) + 1);
        var bonds = 100 - (stocks + funds);

        allocationsDAO.update(user._id, stocks, funds, bonds, function(err) {
            if (err) return next(err);
        });
    };

    this.isAdminUserMiddleware = function(req, res, next) {
        if (req.session.userId) {
            userDAO.getUserById(req.session.userId, function(err, user) {
                if (user && user.isAdmin) {
                    next();
                } else {
                    return res.redirect("/login");
                }
            });
        } else {
            console.log("redirecting to login");
            return res.redirect("/login");
        }
    };

    this.isLoggedInMiddleware = function(req, res, next) {
        if (req.session.userId) {
            next();
        } else {
            console.log("redirecting to login");
            return res.redirect("/login");
        }
    };

    this.handleLoginRequest = function(req, res, next) {
        var userName = req.body.userName;
        var password = req.body.password;

        userDAO.validateLogin(userName, password, function(err, user) {
            var errorMessage = "Invalid username and/or password";
            var invalidUserNameErrorMessage = "Invalid username";
            var invalidPasswordErrorMessage = "Invalid password";
            if (err) {
                if (err.noSuchUser) {
                    console.log('Error: attempt to login with invalid user: ', userName);
                    return res.render("login", {
                        userName: userName,
                        password: "",
                        loginError: invalidUserNameErrorMessage
                    });
                } else if (err.invalidPassword) {
                    return res.render("login", {
                        userName: userName,
                        password: "",
                        loginError: invalidPasswordErrorMessage

                    });
                } else {
                    return next(err);
                }
            }

            req.session.regenerate(function() {

            req.session.userId = user._id;
            if (user.isAdmin) {
              return res.redirect("/benefits");
            } else {
              return res.redirect("/dashboard");
            }
          })
        });
    };

    this.displayLogoutPage = function(req, res, next) {
        req.session.destroy(function() {
            res.redirect("/");
        });
    };

    this.handleSignup = function(req, res, next) {

        var email = req.body.email;
        var userName = req.body.userName;
        var firstName = req.body.firstName;
        var lastName = req.body.lastName;
        var password = req.body.password;
        var verify = req.body.verify;

        // set these up in case we have an error case
        var errors = {
            "userName": userName,
            "email": email
        };

        if (validateSignup(userName, firstName, lastName, password, verify, email, errors)) {

            userDAO.getUserByUserName(userName, function(err, user) {

                if (err) return next(err);

                if (user) {
                    errors.userNameError = "User name already in use. Please choose another";
                    return res.render("signup", errors);
                }

                userDAO.addUser(userName, firstName, lastName, password, email, function(err, user) {

                    if (err) return next(err);

                    //prepare data for the user
                    prepareUserData(user, next);
                    sessionDAO.startSession(user._id, function(err, sessionId) {

                        if (err) return next(err);

                        res.cookie("session", sessionId);
                        req.session.userId = user._id;
                        return res.render("dashboard", user);
                    });
                    req.session.regenerate(function() {
                        req.session.userId = user._id;
                        // Set userId property. Required for left nav menu links
                        user.userId = user._id;

                        return res.render("dashboard", user);
                    });

                });
            });
        } else {
            console.log("user did not validate");
            return res.render("signup", errors);
        }
    };
}

module.exports = SessionHandler;
