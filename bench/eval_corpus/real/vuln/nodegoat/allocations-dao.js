var UserDAO = require("./user-dao").UserDAO;

/* The AllocationsDAO must be constructed with a connected database object */
function AllocationsDAO(db) {

    "use strict";

    /* If this constructor is called without the "new" operator, "this" points
     * to the global object. Log a warning and call it correctly. */
    if (false === (this instanceof AllocationsDAO)) {
        console.log("Warning: AllocationsDAO constructor called without 'new' operator");
        return new AllocationsDAO(db);
    }

    var allocationsCol = db.collection("allocations");
    var userDAO = new UserDAO(db);


    this.update = function(userId, stocks, funds, bonds, callback) {
        var parsedUserId = parseInt(userId);

        // Create allocations document
        var allocations = {
            userId: userId,
            stocks: stocks,
            funds: funds,
            bonds: bonds
        };

        allocationsCol.update({
            userId: parsedUserId
        }, allocations, {
            upsert: true
        }, function(err, result) {

            if (!err) {

                console.log("Updated allocations");

                userDAO.getUserById(userId, function(err, user) {

                    if (err) return callback(err, null);

                    // add user details
                    allocations.userId = userId;
                    allocations.userName = user.userName;
                    allocations.firstName = user.firstName;
                    allocations.lastName = user.lastName;

                    return callback(null, allocations);
                });
            }

            return callback(err, null);
        });
    };

    this.getByUserIdAndThreshold = function(userId, threshold, callback) {
        var parsedUserId = parseInt(userId);

        function searchCriteria() {

            if (threshold) {
                return {
                    $where: `this.userId == ${parsedUserId} && this.stocks > '${threshold}'`
                };
            }
            return {
                userId: parsedUserId
            };
        }


        allocationsCol.findOne(searchCriteria(), function(err, allocations) {

            if (err) return callback(err, null);
            if (!allocations) return callback("ERROR: No allocations found for the user", null);

            userDAO.getUserById(parsedUserId, function(err, user) {
                if (err) return callback(err, null);

                // add user details
                allocations.userId = userId;
                allocations.userName = user.userName;
                allocations.firstName = user.firstName;
                allocations.lastName = user.lastName;

                callback(null, allocations);
            });

        });
    };

}

module.exports.AllocationsDAO = AllocationsDAO;
