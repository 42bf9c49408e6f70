CREATE PROCEDURE dbo.GetCustomerReport
    @Region NVARCHAR(50)
AS
BEGIN
    SET NOCOUNT ON;
    EXEC('SELECT Name, Total FROM Customers WHERE Region = ''' + @Region + ''''); -- wfc-expect: security high
END;
GO

CREATE PROCEDURE dbo.GetCustomerReportSafe
    @Region NVARCHAR(50)
AS
BEGIN
    SET NOCOUNT ON;
    EXEC sp_executesql N'SELECT Name, Total FROM Customers WHERE Region = @r', N'@r NVARCHAR(50)', @r = @Region;
END;
GO
